-- Repair orders: a completed or cancelled order is read-only except for its
-- note (and a completed one may be reopened, which clears its completion).
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

-- Mileage never goes below the car's highest earlier reading unless the
-- advisor confirmed it; the lookup behind that confirmation:
CREATE INDEX workorders_vehicle_mileage ON workorders(vehicle_id, mileage);
