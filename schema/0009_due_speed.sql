-- The month's due list at a million customers (issue 7), from indexes that
-- carry what the list shows instead of a table row per task:
-- insurance and inspection name the advisor of the car's latest repair
-- order, one index seek per car (this index replaces the one it extends);
-- birthdays read only customers who agreed to be contacted, with their
-- name, mobile and number (the index it replaces held every birth date and
-- sent each hit to the table row).
CREATE INDEX workorders_vehicle_advisor ON workorders(vehicle_id, opened_at, advisor);
DROP INDEX workorders_vehicle;
CREATE INDEX customers_birthday ON customers(substr(birth_date, 6), birth_date, cust_no, name, mobile)
  WHERE birth_date IS NOT NULL AND marketing_ok = '是' AND anonymized_at IS NULL;
DROP INDEX customers_birth;
