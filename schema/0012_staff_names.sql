-- The sheets carry a person's name where the shop writes 销售顾问, 服务顾问,
-- 回访人 or the manager's 审核签字; the screens used to fill in the login of
-- the one at the keyboard (xs) while
-- the receptionist typed names (张伟), so a consultant's own list missed the
-- cards made from walk-ins and the manager's grid counted one person twice.
-- Values that are an account's login become that account's name.  A closed
-- order is read-only, so its guard is set aside for this one rewrite and put
-- back as 0003 made it.
UPDATE acards SET consultant = (SELECT s.name FROM staff s WHERE s.login = acards.consultant)
 WHERE consultant IN (SELECT login FROM staff WHERE name <> '' AND name <> login);
UPDATE acards SET review_by = (SELECT s.name FROM staff s WHERE s.login = acards.review_by)
 WHERE review_by IN (SELECT login FROM staff WHERE name <> '' AND name <> login);
UPDATE acard_followups SET staff = (SELECT s.name FROM staff s WHERE s.login = acard_followups.staff)
 WHERE staff IN (SELECT login FROM staff WHERE name <> '' AND name <> login);
UPDATE visits SET consultant = (SELECT s.name FROM staff s WHERE s.login = visits.consultant)
 WHERE consultant IN (SELECT login FROM staff WHERE name <> '' AND name <> login);
UPDATE vehicles SET consultant = (SELECT s.name FROM staff s WHERE s.login = vehicles.consultant)
 WHERE consultant IN (SELECT login FROM staff WHERE name <> '' AND name <> login);

DROP TRIGGER workorders_closed_readonly;
UPDATE workorders SET advisor = (SELECT s.name FROM staff s WHERE s.login = workorders.advisor)
 WHERE advisor IN (SELECT login FROM staff WHERE name <> '' AND name <> login);
CREATE TRIGGER workorders_closed_readonly BEFORE UPDATE ON workorders
WHEN OLD.status <> '在修'
 AND NOT (OLD.status = '已完工' AND NEW.status = '在修' AND NEW.completed_at IS NULL)
 AND (NEW.status IS NOT OLD.status OR NEW.mileage IS NOT OLD.mileage
      OR NEW.items IS NOT OLD.items OR NEW.complaint IS NOT OLD.complaint
      OR NEW.work_type IS NOT OLD.work_type OR NEW.completed_at IS NOT OLD.completed_at
      OR NEW.promised_at IS NOT OLD.promised_at OR NEW.advisor IS NOT OLD.advisor
      OR NEW.vin IS NOT OLD.vin OR NEW.plate IS NOT OLD.plate OR NEW.fuel IS NOT OLD.fuel
      OR NEW.cancel_reason IS NOT OLD.cancel_reason OR NEW.opened_at IS NOT OLD.opened_at
      OR NEW.wo_no IS NOT OLD.wo_no)
BEGIN
  SELECT RAISE(ABORT, '已完工或已取消的工单只能修改备注');
END;
