-- How long the --report file and the file of refused rows were at the run's
-- last committed batch, so a run that continues an interrupted one first
-- cuts off what the undone batch had written to them (their lines would
-- otherwise be there twice).  NULL: not known (no such file, or a run
-- recorded before this column): the continuing run only adds.
ALTER TABLE import_runs ADD COLUMN report_len INTEGER;
ALTER TABLE import_runs ADD COLUMN refused_len INTEGER;
