-- How long the --report file and the file of refused rows were at the run's
-- last committed batch, so a run that continues an interrupted one first
-- cuts off what the undone batch had written to them (their lines would
-- otherwise be there twice).  NULL: not known (no such file, or a run
-- recorded before this column): the continuing run only adds.  The paths
-- (resolved) say which files those were: a continuing run given another
-- file only adds to it, never cuts what it holds.
ALTER TABLE import_runs ADD COLUMN report_len INTEGER;
ALTER TABLE import_runs ADD COLUMN refused_len INTEGER;
ALTER TABLE import_runs ADD COLUMN report_path TEXT;
ALTER TABLE import_runs ADD COLUMN refused_path TEXT;
