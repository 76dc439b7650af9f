-- Breakwater schema, version 9 (bi-core): where a model's calibration rows come from. A final model is scored on
-- a month whose outcome is not known yet, so its calibration is that of its configuration on held-out years.
-- Additive only, portable subset (DuckDB and SQLite/libSQL).
ALTER TABLE fct_model_calibration ADD COLUMN source VARCHAR;   -- 'scored outcomes', 'test year 2016', 'rolling evaluation ...'
