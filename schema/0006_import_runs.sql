-- Imports that can be interrupted and run again: how far each file got.
-- The progress row is written in the same transaction as each batch, so
-- after Ctrl-C, kill -9 or a full disk it says exactly which lines are in.
CREATE TABLE import_runs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  fingerprint TEXT NOT NULL,            -- SHA-256 of the file's size, head and tail
  path        TEXT NOT NULL,
  line_done   INTEGER NOT NULL DEFAULT 0,
  rows_done   INTEGER NOT NULL DEFAULT 0,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (kind, fingerprint)
);
