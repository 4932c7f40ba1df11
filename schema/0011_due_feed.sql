-- The month's due list at a million customers in a fraction of a second
-- (issue 7).  Reading each task's customer and car at list time costs a
-- random read per task (about 4 µs, over a second for a month); instead
-- every open task a source record implies is kept here, with what the list
-- shows, in the order the list reads it.  Triggers keep it: a change to a
-- card, order, car, complaint, customer, task state or stop rewrites the
-- rows it affects from the due_src_* views, which hold the one definition
-- of each kind.  Birthdays recur every year and stay derived on read.
-- A task is here until somebody acts on it (a followup_tasks row) or its
-- source stops implying it; expiry is worked out on read, and rows expired
-- long ago are removed by retention (they can no longer be listed as due).
CREATE TABLE due_feed (
  kind        TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  src_date    TEXT NOT NULL,
  source_id   INTEGER NOT NULL,
  cycle       TEXT NOT NULL,
  customer_id INTEGER,
  staff       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  plate       TEXT NOT NULL,
  name        TEXT NOT NULL,
  mobile      TEXT NOT NULL,
  ref         TEXT NOT NULL,
  PRIMARY KEY (kind, due_date, src_date, source_id, cycle)
) WITHOUT ROWID;
CREATE INDEX due_feed_source ON due_feed(kind, source_id);
CREATE INDEX due_feed_customer ON due_feed(customer_id) WHERE customer_id IS NOT NULL;

-- 下次回访 while the card is active; the planned date is the cycle.
CREATE VIEW due_src_acard AS
SELECT 'A卡回访' AS kind, a.next_date AS due_date, a.next_date AS src_date, a.id AS source_id,
       a.next_date AS cycle, a.customer_id AS customer_id, coalesce(a.consultant, '') AS staff,
       '意向级别 ' || coalesce(a.level, '') || '，' || coalesce(a.want_model, '') AS reason,
       '' AS plate, coalesce(a.name, '') AS name, coalesce(a.mobile, '') AS mobile, a.card_no AS ref
FROM acards a
WHERE a.next_date IS NOT NULL AND a.status IN ('跟进中', '已订车')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = 'A卡回访' AND t.source_id = a.id AND t.cycle = a.next_date);

-- 3 days after a completed repair order.
CREATE VIEW due_src_repair AS
SELECT '维修回访' AS kind, coalesce(date(w.completed_at, '+3 days'), '') AS due_date,
       w.completed_at AS src_date, w.id AS source_id, '' AS cycle, w.customer_id AS customer_id,
       w.advisor AS staff,
       '维修/保养后3天内回访（工单 ' || w.wo_no || '，' || w.work_type || '）' AS reason,
       coalesce(w.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM workorders w JOIN customers c ON c.id = w.customer_id
WHERE w.status = '已完工' AND w.completed_at IS NOT NULL AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '维修回访')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '维修回访' AND t.source_id = w.id AND t.cycle = '');

-- 7 days after a new car is delivered, with the 首保 reminder.
CREATE VIEW due_src_delivery AS
SELECT '交车回访' AS kind, coalesce(date(v.delivery_date, '+7 days'), '') AS due_date,
       v.delivery_date AS src_date, v.id AS source_id, '' AS cycle, v.customer_id AS customer_id,
       coalesce(v.consultant, '') AS staff,
       '新车交车后7天内回访，提醒首保（交车 ' || v.delivery_date || '）' AS reason,
       coalesce(v.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM vehicles v JOIN customers c ON c.id = v.customer_id
WHERE v.delivery_date IS NOT NULL AND v.returned = 0 AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '交车回访')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '交车回访' AND t.source_id = v.id AND t.cycle = '');

-- 7 days after a complaint is handled.
CREATE VIEW due_src_complaint AS
SELECT '投诉回访' AS kind, coalesce(date(p.handled_at, '+7 days'), '') AS due_date,
       p.handled_at AS src_date, p.id AS source_id, '' AS cycle, p.customer_id AS customer_id,
       coalesce(p.handler, '') AS staff, '投诉处理后7天内回访：' || substr(p.content, 1, 30) AS reason,
       '' AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM complaints p JOIN customers c ON c.id = p.customer_id
WHERE p.handled_at IS NOT NULL AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '投诉回访')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '投诉回访' AND t.source_id = p.id AND t.cycle = '');

-- Insurance and inspection: due 30 days before the date, the year is the
-- cycle; the person to call is the advisor of the car's latest order,
-- else its sales consultant.
CREATE VIEW due_src_insurance AS
SELECT '保险到期' AS kind, coalesce(date(v.insurance_due, '-30 days'), '') AS due_date,
       v.insurance_due AS src_date, v.id AS source_id, substr(v.insurance_due, 1, 4) AS cycle,
       v.customer_id AS customer_id,
       coalesce((SELECT advisor FROM workorders WHERE vehicle_id = v.id ORDER BY opened_at DESC LIMIT 1),
                v.consultant, '') AS staff,
       '保险到期 ' || v.insurance_due AS reason,
       coalesce(v.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM vehicles v JOIN customers c ON c.id = v.customer_id
WHERE v.insurance_due IS NOT NULL AND v.returned = 0 AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '保险到期')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '保险到期' AND t.source_id = v.id AND t.cycle = substr(v.insurance_due, 1, 4));

CREATE VIEW due_src_inspection AS
SELECT '年审到期' AS kind, coalesce(date(v.inspection_due, '-30 days'), '') AS due_date,
       v.inspection_due AS src_date, v.id AS source_id, substr(v.inspection_due, 1, 4) AS cycle,
       v.customer_id AS customer_id,
       coalesce((SELECT advisor FROM workorders WHERE vehicle_id = v.id ORDER BY opened_at DESC LIMIT 1),
                v.consultant, '') AS staff,
       '年审到期 ' || v.inspection_due AS reason,
       coalesce(v.plate, '') AS plate, c.name AS name, coalesce(c.mobile, '') AS mobile, c.cust_no AS ref
FROM vehicles v JOIN customers c ON c.id = v.customer_id
WHERE v.inspection_due IS NOT NULL AND v.returned = 0 AND c.anonymized_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = c.id AND s.kind = '年审到期')
  AND NOT EXISTS (SELECT 1 FROM followup_tasks t
                  WHERE t.kind = '年审到期' AND t.source_id = v.id AND t.cycle = substr(v.inspection_due, 1, 4));

-- ---- keeping it ----
CREATE TRIGGER due_feed_acard_insert AFTER INSERT ON acards BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_acard WHERE source_id = new.id;
END;
CREATE TRIGGER due_feed_acard_update AFTER UPDATE ON acards
WHEN old.next_date IS NOT new.next_date OR old.status IS NOT new.status
  OR old.consultant IS NOT new.consultant OR old.level IS NOT new.level
  OR old.want_model IS NOT new.want_model OR old.name IS NOT new.name
  OR old.mobile IS NOT new.mobile OR old.customer_id IS NOT new.customer_id
  OR old.card_no IS NOT new.card_no
BEGIN
  DELETE FROM due_feed WHERE kind = 'A卡回访' AND source_id = old.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_acard WHERE source_id = new.id;
END;
CREATE TRIGGER due_feed_acard_delete AFTER DELETE ON acards BEGIN
  DELETE FROM due_feed WHERE kind = 'A卡回访' AND source_id = old.id;
END;

-- An order's own callback, and the advisor named on its car's insurance
-- and inspection calls.
CREATE TRIGGER due_feed_workorder_insert AFTER INSERT ON workorders BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_repair WHERE source_id = new.id;
  DELETE FROM due_feed WHERE kind IN ('保险到期', '年审到期') AND source_id = new.vehicle_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE source_id = new.vehicle_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE source_id = new.vehicle_id;
END;
CREATE TRIGGER due_feed_workorder_update AFTER UPDATE ON workorders
WHEN old.status IS NOT new.status OR old.completed_at IS NOT new.completed_at
  OR old.customer_id IS NOT new.customer_id OR old.plate IS NOT new.plate
  OR old.advisor IS NOT new.advisor OR old.wo_no IS NOT new.wo_no
  OR old.work_type IS NOT new.work_type OR old.vehicle_id IS NOT new.vehicle_id
  OR old.opened_at IS NOT new.opened_at
BEGIN
  DELETE FROM due_feed WHERE kind = '维修回访' AND source_id = old.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_repair WHERE source_id = new.id;
  DELETE FROM due_feed WHERE kind IN ('保险到期', '年审到期') AND source_id IN (old.vehicle_id, new.vehicle_id);
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE source_id IN (old.vehicle_id, new.vehicle_id);
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE source_id IN (old.vehicle_id, new.vehicle_id);
END;
CREATE TRIGGER due_feed_workorder_delete AFTER DELETE ON workorders BEGIN
  DELETE FROM due_feed WHERE kind = '维修回访' AND source_id = old.id;
  DELETE FROM due_feed WHERE kind IN ('保险到期', '年审到期') AND source_id = old.vehicle_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE source_id = old.vehicle_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE source_id = old.vehicle_id;
END;

CREATE TRIGGER due_feed_vehicle_insert AFTER INSERT ON vehicles BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_delivery WHERE source_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE source_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE source_id = new.id;
END;
CREATE TRIGGER due_feed_vehicle_update AFTER UPDATE ON vehicles
WHEN old.delivery_date IS NOT new.delivery_date OR old.insurance_due IS NOT new.insurance_due
  OR old.inspection_due IS NOT new.inspection_due OR old.returned IS NOT new.returned
  OR old.plate IS NOT new.plate OR old.consultant IS NOT new.consultant
  OR old.customer_id IS NOT new.customer_id
BEGIN
  DELETE FROM due_feed WHERE kind IN ('交车回访', '保险到期', '年审到期') AND source_id = old.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_delivery WHERE source_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE source_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE source_id = new.id;
END;
CREATE TRIGGER due_feed_vehicle_delete AFTER DELETE ON vehicles BEGIN
  DELETE FROM due_feed WHERE kind IN ('交车回访', '保险到期', '年审到期') AND source_id = old.id;
END;

CREATE TRIGGER due_feed_complaint_insert AFTER INSERT ON complaints BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_complaint WHERE source_id = new.id;
END;
CREATE TRIGGER due_feed_complaint_update AFTER UPDATE ON complaints
WHEN old.handled_at IS NOT new.handled_at OR old.handler IS NOT new.handler
  OR old.content IS NOT new.content OR old.customer_id IS NOT new.customer_id
BEGIN
  DELETE FROM due_feed WHERE kind = '投诉回访' AND source_id = old.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_complaint WHERE source_id = new.id;
END;
CREATE TRIGGER due_feed_complaint_delete AFTER DELETE ON complaints BEGIN
  DELETE FROM due_feed WHERE kind = '投诉回访' AND source_id = old.id;
END;

-- The customer's name, mobile and number are copied into their tasks; an
-- anonymised customer has none.  Cards carry their own name and mobile.
CREATE TRIGGER due_feed_customer_update AFTER UPDATE ON customers
WHEN old.name IS NOT new.name OR old.mobile IS NOT new.mobile OR old.cust_no IS NOT new.cust_no
  OR old.anonymized_at IS NOT new.anonymized_at
BEGIN
  DELETE FROM due_feed WHERE customer_id = old.id AND kind <> 'A卡回访';
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_repair WHERE customer_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_delivery WHERE customer_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_complaint WHERE customer_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE customer_id = new.id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE customer_id = new.id;
END;
CREATE TRIGGER due_feed_customer_delete AFTER DELETE ON customers BEGIN
  DELETE FROM due_feed WHERE customer_id = old.id AND kind <> 'A卡回访';
END;

-- Acting on a task takes it out; forgetting that somebody did puts it back.
CREATE TRIGGER due_feed_task_insert AFTER INSERT ON followup_tasks BEGIN
  DELETE FROM due_feed WHERE kind = new.kind AND source_id = new.source_id AND cycle = new.cycle;
END;
CREATE TRIGGER due_feed_task_delete AFTER DELETE ON followup_tasks BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_acard WHERE old.kind = 'A卡回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_repair WHERE old.kind = '维修回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_delivery WHERE old.kind = '交车回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_complaint WHERE old.kind = '投诉回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE old.kind = '保险到期' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE old.kind = '年审到期' AND source_id = old.source_id;
END;

-- "Stop reminding this customer of this kind", and taking it back.
CREATE TRIGGER due_feed_stop_insert AFTER INSERT ON followup_stops BEGIN
  DELETE FROM due_feed WHERE customer_id = new.customer_id AND kind = new.kind;
END;
CREATE TRIGGER due_feed_stop_delete AFTER DELETE ON followup_stops BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_repair WHERE old.kind = '维修回访' AND customer_id = old.customer_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_delivery WHERE old.kind = '交车回访' AND customer_id = old.customer_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_complaint WHERE old.kind = '投诉回访' AND customer_id = old.customer_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE old.kind = '保险到期' AND customer_id = old.customer_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE old.kind = '年审到期' AND customer_id = old.customer_id;
END;

-- What is there already: every open card, and the other tasks that
-- expired at most about a year ago (due.c's due_feed_prune keeps the feed
-- to that as imports of old history add rows; due_feed_rebuild refills it).
INSERT INTO due_feed SELECT * FROM due_src_acard;
INSERT INTO due_feed SELECT * FROM due_src_repair WHERE due_date >= date('now', '-430 days');
INSERT INTO due_feed SELECT * FROM due_src_delivery WHERE due_date >= date('now', '-430 days');
INSERT INTO due_feed SELECT * FROM due_src_complaint WHERE due_date >= date('now', '-430 days');
INSERT INTO due_feed SELECT * FROM due_src_insurance WHERE due_date >= date('now', '-430 days');
INSERT INTO due_feed SELECT * FROM due_src_inspection WHERE due_date >= date('now', '-430 days');
