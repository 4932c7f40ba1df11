-- Staff find a customer by any part of the mobile ("尾号5678", "中间的3456").
-- A LIKE '%…%' scan reads every customer (over 100 ms at a million); a
-- trigram index answers any part of three digits or more through an index.
CREATE VIRTUAL TABLE customer_mobile_fts USING fts5(
  mobile, content='customers', content_rowid='id', tokenize='trigram'
);
INSERT INTO customer_mobile_fts(customer_mobile_fts) VALUES ('rebuild');
CREATE TRIGGER customers_mobile_fts_insert AFTER INSERT ON customers
WHEN new.mobile IS NOT NULL
BEGIN
  INSERT INTO customer_mobile_fts(rowid, mobile) VALUES (new.id, new.mobile);
END;
CREATE TRIGGER customers_mobile_fts_delete AFTER DELETE ON customers
WHEN old.mobile IS NOT NULL
BEGIN
  INSERT INTO customer_mobile_fts(customer_mobile_fts, rowid, mobile) VALUES ('delete', old.id, old.mobile);
END;
CREATE TRIGGER customers_mobile_fts_update AFTER UPDATE OF mobile ON customers
WHEN old.mobile IS NOT new.mobile
BEGIN
  INSERT INTO customer_mobile_fts(customer_mobile_fts, rowid, mobile)
    SELECT 'delete', old.id, old.mobile WHERE old.mobile IS NOT NULL;
  INSERT INTO customer_mobile_fts(rowid, mobile)
    SELECT new.id, new.mobile WHERE new.mobile IS NOT NULL;
END;
