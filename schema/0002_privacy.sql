-- Staff accounts, the usage log and keeping (issue 4).

-- Settings an administrator changes with `desk4s config`: the group that may
-- share the database on a front-desk host, and the daily backup.
CREATE TABLE config (
  key   TEXT PRIMARY KEY CHECK (key IN ('file_group','backup_dir','backup_keep')),
  value TEXT NOT NULL
);

-- The manager's log screen filters by staff member.
CREATE INDEX audit_log_staff ON audit_log(staff, at);
