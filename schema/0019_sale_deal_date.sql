-- 最近交易日期 is kept by the system: the latest sale or repair order
-- (SHEETS.md §1).  Completing an order sets it (workorder.c); a car this
-- shop sold (新车销售建档 是, not returned) sets it from its 交车日期 here,
-- since cars are written by the customer sheet and by the customer, car and
-- order imports alike.  It only moves on, but a delivery date corrected,
-- a sale returned or a car moved that gave the date makes it the latest of
-- what is left.  A first deal after that sale (首次交易日期 a sheet
-- defaulted to the day it was typed) is that sale's day: the two would
-- otherwise contradict each other, and the rules refuse that.
CREATE TRIGGER vehicles_deal_insert AFTER INSERT ON vehicles
WHEN new.delivery_date IS NOT NULL AND new.is_sale = '是' AND new.returned = 0
BEGIN
  UPDATE customers SET last_deal_date = new.delivery_date
  WHERE id = new.customer_id AND (last_deal_date IS NULL OR last_deal_date < new.delivery_date);
  UPDATE customers SET first_deal_date = new.delivery_date
  WHERE id = new.customer_id AND (first_deal_date IS NULL OR first_deal_date > new.delivery_date);
END;
CREATE TRIGGER vehicles_deal_update AFTER UPDATE OF delivery_date, is_sale, returned, customer_id ON vehicles
BEGIN
  -- the date this car gave, taken back: the latest sale or order left
  UPDATE customers SET last_deal_date = nullif(max(
      coalesce((SELECT max(v.delivery_date) FROM vehicles v WHERE v.customer_id = customers.id
                AND v.is_sale = '是' AND v.returned = 0 AND v.delivery_date IS NOT NULL), ''),
      coalesce((SELECT max(substr(w.completed_at, 1, 10)) FROM workorders w WHERE w.customer_id = customers.id
                AND w.status = '已完工' AND w.completed_at IS NOT NULL), '')), '')
  WHERE id = old.customer_id AND old.delivery_date IS NOT NULL AND last_deal_date = old.delivery_date
    AND (new.delivery_date IS NOT old.delivery_date OR new.is_sale IS NOT old.is_sale
         OR new.returned IS NOT old.returned OR new.customer_id IS NOT old.customer_id);
  UPDATE customers SET last_deal_date = new.delivery_date
  WHERE id = new.customer_id AND new.delivery_date IS NOT NULL AND new.is_sale = '是' AND new.returned = 0
    AND (last_deal_date IS NULL OR last_deal_date < new.delivery_date);
  UPDATE customers SET first_deal_date = new.delivery_date
  WHERE id = new.customer_id AND new.delivery_date IS NOT NULL AND new.is_sale = '是' AND new.returned = 0
    AND (first_deal_date IS NULL OR first_deal_date > new.delivery_date);
END;
-- the cars already on file
UPDATE customers SET last_deal_date = m.d
FROM (SELECT customer_id, max(delivery_date) AS d FROM vehicles
      WHERE delivery_date IS NOT NULL AND is_sale = '是' AND returned = 0 GROUP BY customer_id) AS m
WHERE customers.id = m.customer_id AND (customers.last_deal_date IS NULL OR customers.last_deal_date < m.d);
UPDATE customers SET first_deal_date = m.d
FROM (SELECT customer_id, min(delivery_date) AS d FROM vehicles
      WHERE delivery_date IS NOT NULL AND is_sale = '是' AND returned = 0 GROUP BY customer_id) AS m
WHERE customers.id = m.customer_id AND (customers.first_deal_date IS NULL OR customers.first_deal_date > m.d);
