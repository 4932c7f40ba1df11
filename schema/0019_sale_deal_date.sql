-- 最近交易日期 is kept by the system: the latest sale or repair order
-- (SHEETS.md §1).  Completing an order sets it (workorder.c); a car's
-- 交车日期 sets it here, since cars are written by the customer sheet and
-- by the customer, car and order imports alike.  It only moves on: an
-- older delivery entered later leaves a later date as it is.
CREATE TRIGGER vehicles_deal_insert AFTER INSERT ON vehicles
WHEN new.delivery_date IS NOT NULL
BEGIN
  UPDATE customers SET last_deal_date = new.delivery_date
  WHERE id = new.customer_id AND (last_deal_date IS NULL OR last_deal_date < new.delivery_date);
END;
CREATE TRIGGER vehicles_deal_update AFTER UPDATE OF delivery_date, customer_id ON vehicles
WHEN new.delivery_date IS NOT NULL
BEGIN
  UPDATE customers SET last_deal_date = new.delivery_date
  WHERE id = new.customer_id AND (last_deal_date IS NULL OR last_deal_date < new.delivery_date);
END;
-- the cars already on file
UPDATE customers SET last_deal_date = m.d
FROM (SELECT customer_id, max(delivery_date) AS d FROM vehicles WHERE delivery_date IS NOT NULL GROUP BY customer_id) AS m
WHERE customers.id = m.customer_id AND (customers.last_deal_date IS NULL OR customers.last_deal_date < m.d);
