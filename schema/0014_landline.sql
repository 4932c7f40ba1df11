-- Customers found by a landline (固定电话1/2): a fleet customer calling
-- from the company's number at the lookup, and a complaint book or a car
-- list whose rows give only a landline on import.  Partial: most customers
-- have none, so the indexes stay small and a load builds them quickly.
CREATE INDEX customers_phone1 ON customers(phone1) WHERE phone1 IS NOT NULL;
CREATE INDEX customers_phone2 ON customers(phone2) WHERE phone2 IS NOT NULL;
