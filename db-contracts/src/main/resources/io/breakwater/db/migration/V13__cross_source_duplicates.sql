-- Issue 16: a break that repeats a break of another source loaded before it (a utility's raw export and its cleaned
-- export: the same date within the mapping's distance, or the same record id and date) points at the break it
-- repeats. It stays in the table, flagged cross_source_duplicate; the feature build counts only breaks that repeat
-- none, so each break is counted once.
ALTER TABLE pipe_breaks_clean ADD COLUMN duplicate_of VARCHAR;
