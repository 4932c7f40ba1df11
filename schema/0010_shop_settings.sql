-- Two more settings (issue 7): the shop's name on printed due lists and
-- the CUPS queue `desk4s due --print` uses when none is named.  The key's
-- CHECK lists the known settings, so the table is rebuilt with the longer
-- list (SQLite cannot change a CHECK in place).
CREATE TABLE config_new (
  key   TEXT PRIMARY KEY CHECK (key IN ('file_group','backup_dir','backup_keep','shop_name','printer')),
  value TEXT NOT NULL
);
INSERT INTO config_new(key, value) SELECT key, value FROM config;
DROP TABLE config;
ALTER TABLE config_new RENAME TO config;
