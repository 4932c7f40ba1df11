-- An order cancelled by mistake is taken back to 在修 with a reason (F8 on
-- the cancelled order, wo_revive): the guard of closed orders lets that one
-- change through, as it lets a completed order reopen, its cancel reason
-- cleared (the usage log keeps it).  Otherwise as 0012 made it.
DROP TRIGGER workorders_closed_readonly;
CREATE TRIGGER workorders_closed_readonly BEFORE UPDATE ON workorders
WHEN OLD.status <> '在修'
 AND NOT (OLD.status = '已完工' AND NEW.status = '在修' AND NEW.completed_at IS NULL)
 AND NOT (OLD.status = '已取消' AND NEW.status = '在修' AND NEW.cancel_reason IS NULL
          AND NEW.completed_at IS NULL)
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
