-- 档案上传 on the due list (due.c): each new-car sale archive is due in
-- DCS by min(交车日期 + 3 days, the month's last day).  It is derived on
-- read like birthdays, through this index of the sale cars still kept
-- (a month of deliveries is one range of it), rather than by triggers
-- into due_feed, which every car saved or imported would pay for.
CREATE INDEX vehicles_archive_due ON vehicles(delivery_date, id) WHERE is_sale = '是' AND returned = 0;

-- The task kind's CHECK lists the kinds, so followup_tasks is rebuilt with
-- the longer list (SQLite cannot change a CHECK in place).  The due_src_*
-- views read followup_tasks: with legacy_alter_table the rename leaves
-- them as they are (they name the table, which is back under its name)
-- instead of refusing it while the table is briefly gone.  Its indexes and
-- the due feed's triggers on it go with the old table and are made again.
PRAGMA legacy_alter_table = ON;
CREATE TABLE followup_tasks_new (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('A卡回访','维修回访','交车回访','投诉回访','保险到期','年审到期','生日','档案上传')),
  source_id    INTEGER NOT NULL,          -- the card, order, vehicle, complaint or customer
  cycle        TEXT NOT NULL DEFAULT '',  -- e.g. the year of a birthday or the due month
  customer_id  INTEGER REFERENCES customers(id),
  due_date     TEXT NOT NULL,
  staff        TEXT,
  reason       TEXT,
  status       TEXT NOT NULL DEFAULT '待回访' CHECK (status IN ('待回访','已联系','未接通','拒绝','已改期','已过期')),
  result       TEXT,
  closed_at    TEXT,
  closed_by    TEXT,
  UNIQUE (kind, source_id, cycle)
);
INSERT INTO followup_tasks_new SELECT * FROM followup_tasks;
DROP TABLE followup_tasks;
ALTER TABLE followup_tasks_new RENAME TO followup_tasks;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX followup_tasks_due ON followup_tasks(due_date);
CREATE INDEX followup_tasks_open ON followup_tasks(kind, due_date) WHERE status = '待回访';
CREATE TRIGGER due_feed_task_insert AFTER INSERT ON followup_tasks BEGIN
  DELETE FROM due_feed WHERE kind = new.kind AND source_id = new.source_id AND cycle = new.cycle;
END;
CREATE TRIGGER due_feed_task_delete AFTER DELETE ON followup_tasks BEGIN
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_acard WHERE old.kind = 'A卡回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_repair WHERE old.kind = '维修回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_delivery WHERE old.kind = '交车回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_complaint WHERE old.kind = '投诉回访' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_insurance WHERE old.kind = '保险到期' AND source_id = old.source_id;
  INSERT OR REPLACE INTO due_feed SELECT * FROM due_src_inspection WHERE old.kind = '年审到期' AND source_id = old.source_id;
END;
