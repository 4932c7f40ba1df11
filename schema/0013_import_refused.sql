-- How many rows a run of a file refused, so running a finished file again
-- can say whether anything of it is still to correct.  NULL: a run recorded
-- before this column (not known); new runs start at 0.
ALTER TABLE import_runs ADD COLUMN rows_refused INTEGER;
