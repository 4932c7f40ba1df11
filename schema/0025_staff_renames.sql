-- A staff member's 姓名 can change (`desk4s user name`: marriage, a typo
-- when the account was made).  The sheets carry people by name, so the
-- rename rewrites the live records that name them (open A-cards, orders
-- in the shop: staff.c), and records closed before it keep the name
-- written at the time.  A due task of such a record (a completed order's
-- 维修回访, a handled complaint's 投诉回访, a car's 交车/保险/年审 calls)
-- is still the person's: the views below read its 负责人 through the
-- first rename away from that name after the record was written (an
-- order's opening, a complaint's handling, a car's delivery), which is
-- the account that had the name then, and list the task under the name
-- that account has now.  A name given up may be given to somebody else;
-- their records, written later, stay theirs.  (IF NOT EXISTS: a database
-- taken back to an earlier version keeps the table its views now name.)
CREATE TABLE IF NOT EXISTS staff_renames (
  id        INTEGER PRIMARY KEY,
  staff_id  INTEGER NOT NULL REFERENCES staff(id),
  old_name  TEXT NOT NULL,
  new_name  TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_renames_old ON staff_renames(old_name, at);

-- The due feed's views of 0011, their 负责人 read through staff_renames; the
-- triggers name the views, which keep their names and columns.
DROP VIEW due_src_repair;
CREATE VIEW due_src_repair AS
SELECT '维修回访' AS kind, coalesce(date(w.completed_at, '+3 days'), '') AS due_date,
       w.completed_at AS src_date, w.id AS source_id, '' AS cycle, w.customer_id AS customer_id,
       coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = w.advisor AND sr.at > w.opened_at ORDER BY sr.at, sr.id LIMIT 1),
                w.advisor) AS staff,
       '维修/保养后3天内回访（工单 ' || w.wo_no || '，' || w.work_type || '）' AS reason,
       coalesce(w.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM workorders w JOIN customers c ON c.id = w.customer_id
WHERE w.status = '已完工' AND w.completed_at IS NOT NULL AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '维修回访')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '维修回访' AND t.source_id = w.id AND t.cycle = '');

DROP VIEW due_src_delivery;
CREATE VIEW due_src_delivery AS
SELECT '交车回访' AS kind, coalesce(date(v.delivery_date, '+7 days'), '') AS due_date,
       v.delivery_date AS src_date, v.id AS source_id, '' AS cycle, v.customer_id AS customer_id,
       coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = v.consultant AND sr.at > coalesce(v.delivery_date, '') ORDER BY sr.at, sr.id LIMIT 1),
                v.consultant, '') AS staff,
       '新车交车后7天内回访，提醒首保（交车 ' || v.delivery_date || '）' AS reason,
       coalesce(v.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM vehicles v JOIN customers c ON c.id = v.customer_id
WHERE v.delivery_date IS NOT NULL AND v.returned = 0 AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '交车回访')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '交车回访' AND t.source_id = v.id AND t.cycle = '');

DROP VIEW due_src_complaint;
CREATE VIEW due_src_complaint AS
SELECT '投诉回访' AS kind, coalesce(date(p.handled_at, '+7 days'), '') AS due_date,
       p.handled_at AS src_date, p.id AS source_id, '' AS cycle, p.customer_id AS customer_id,
       coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = p.handler AND sr.at > p.handled_at ORDER BY sr.at, sr.id LIMIT 1),
                p.handler, '') AS staff,
       '投诉处理后7天内回访：' || substr(p.content, 1, 30) AS reason,
       '' AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM complaints p JOIN customers c ON c.id = p.customer_id
WHERE p.handled_at IS NOT NULL AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '投诉回访')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '投诉回访' AND t.source_id = p.id AND t.cycle = '');

DROP VIEW due_src_insurance;
CREATE VIEW due_src_insurance AS
SELECT '保险到期' AS kind, coalesce(date(v.insurance_due, '-30 days'), '') AS due_date,
       v.insurance_due AS src_date, v.id AS source_id, substr(v.insurance_due, 1, 4) AS cycle,
       v.customer_id AS customer_id,
       coalesce((SELECT coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = w.advisor AND sr.at > w.opened_at ORDER BY sr.at, sr.id LIMIT 1), w.advisor)
                 FROM workorders w WHERE w.vehicle_id = v.id ORDER BY w.opened_at DESC LIMIT 1),
                (SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = v.consultant AND sr.at > coalesce(v.delivery_date, '') ORDER BY sr.at, sr.id LIMIT 1),
                v.consultant, '') AS staff,
       '保险到期 ' || v.insurance_due AS reason,
       coalesce(v.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM vehicles v JOIN customers c ON c.id = v.customer_id
WHERE v.insurance_due IS NOT NULL AND v.returned = 0 AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '保险到期')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '保险到期' AND t.source_id = v.id AND t.cycle = substr(v.insurance_due, 1, 4));

DROP VIEW due_src_inspection;
CREATE VIEW due_src_inspection AS
SELECT '年审到期' AS kind, coalesce(date(v.inspection_due, '-30 days'), '') AS due_date,
       v.inspection_due AS src_date, v.id AS source_id, substr(v.inspection_due, 1, 4) AS cycle,
       v.customer_id AS customer_id,
       coalesce((SELECT coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = w.advisor AND sr.at > w.opened_at ORDER BY sr.at, sr.id LIMIT 1), w.advisor)
                 FROM workorders w WHERE w.vehicle_id = v.id ORDER BY w.opened_at DESC LIMIT 1),
                (SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id
                 WHERE sr.old_name = v.consultant AND sr.at > coalesce(v.delivery_date, '') ORDER BY sr.at, sr.id LIMIT 1),
                v.consultant, '') AS staff,
       '年审到期 ' || v.inspection_due AS reason,
       coalesce(v.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM vehicles v JOIN customers c ON c.id = v.customer_id
WHERE v.inspection_due IS NOT NULL AND v.returned = 0 AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '年审到期')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '年审到期' AND t.source_id = v.id AND t.cycle = substr(v.inspection_due, 1, 4));
