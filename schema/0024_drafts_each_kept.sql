-- A hang-up kept one draft per staff member and sheet: a second hang-up
-- on the same sheet (the connection dropped again before the first draft
-- was taken up, or one login on two terminals) replaced the first, and
-- what was typed there was gone.  Each draft is now a row of its own,
-- found by its id; a draft restored and hung up on again is replaced by
-- the later one, which holds it.
CREATE TABLE drafts_each (
  id         INTEGER PRIMARY KEY,
  staff      TEXT NOT NULL,
  form       TEXT NOT NULL,
  record_id  INTEGER,
  data       TEXT NOT NULL,
  saved_at   TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);
INSERT INTO drafts_each(staff, form, record_id, data, saved_at)
  SELECT staff, form, record_id, data, saved_at FROM drafts ORDER BY saved_at;
DROP TABLE drafts;
ALTER TABLE drafts_each RENAME TO drafts;
CREATE INDEX drafts_staff ON drafts(staff, saved_at);
