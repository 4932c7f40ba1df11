-- A closed order is taken back to 在修 (F8: 返修 of a completed one, 恢复 of
-- a cancelled one) by an UPDATE of its status and the one column that goes
-- with it.  Until now the guard let the whole UPDATE through once the status
-- change matched, so the same statement could rewrite the mileage, the VIN
-- or the opening time of a closed order unchecked.  Now the other columns
-- must stay as they were in that UPDATE too; otherwise as 0021 made it.
DROP TRIGGER workorders_closed_readonly;
CREATE TRIGGER workorders_closed_readonly BEFORE UPDATE ON workorders
WHEN OLD.status <> '在修'
 AND (NEW.mileage IS NOT OLD.mileage
      OR NEW.items IS NOT OLD.items OR NEW.complaint IS NOT OLD.complaint
      OR NEW.work_type IS NOT OLD.work_type
      OR NEW.promised_at IS NOT OLD.promised_at OR NEW.advisor IS NOT OLD.advisor
      OR NEW.vin IS NOT OLD.vin OR NEW.plate IS NOT OLD.plate OR NEW.fuel IS NOT OLD.fuel
      OR NEW.opened_at IS NOT OLD.opened_at OR NEW.wo_no IS NOT OLD.wo_no
      OR NOT ((NEW.status IS OLD.status AND NEW.completed_at IS OLD.completed_at
               AND NEW.cancel_reason IS OLD.cancel_reason)
              OR (OLD.status = '已完工' AND NEW.status = '在修' AND NEW.completed_at IS NULL
                  AND NEW.cancel_reason IS OLD.cancel_reason)
              OR (OLD.status = '已取消' AND NEW.status = '在修' AND NEW.cancel_reason IS NULL
                  AND NEW.completed_at IS OLD.completed_at)))
BEGIN
  SELECT RAISE(ABORT, '已完工或已取消的工单只能修改备注');
END;
