-- Breakwater schema, version 5 (ml-core): rolling temporal evaluations and the model registry's extra provenance.
-- Additive only, portable subset (DuckDB and SQLite/libSQL).

-- One rolling-origin evaluation: one model per test year (model_registry.evaluation_id points here), per-year
-- and pooled metrics of the model and its baselines in evaluation_metrics.
CREATE TABLE model_evaluations (
    evaluation_id        VARCHAR    NOT NULL PRIMARY KEY,
    name                 VARCHAR    NOT NULL,
    feature_set_id       VARCHAR    NOT NULL,
    algorithm            VARCHAR    NOT NULL,
    target               VARCHAR    NOT NULL,    -- any_break, break_count
    grain                VARCHAR    NOT NULL,
    horizon_months       INTEGER    NOT NULL,
    seed                 BIGINT     NOT NULL,
    test_years           VARCHAR    NOT NULL,    -- e.g. '2012,2013,2014'
    config_json          VARCHAR    NOT NULL,
    metrics_json         VARCHAR,                -- per year and pooled, with reliability tables
    created_at           TIMESTAMP  NOT NULL,
    breakwater_version   VARCHAR    NOT NULL
);

CREATE TABLE evaluation_metrics (
    evaluation_id  VARCHAR  NOT NULL,
    scorer         VARCHAR  NOT NULL,            -- model, random, age, past_breaks
    period         VARCHAR  NOT NULL,            -- a test year ('2014') or 'pooled'
    metric         VARCHAR  NOT NULL,
    metric_value   DOUBLE,
    PRIMARY KEY (evaluation_id, scorer, period, metric)
);

ALTER TABLE model_registry ADD COLUMN evaluation_id VARCHAR;
ALTER TABLE model_registry ADD COLUMN validation_start DATE;     -- first feature month of the calibration block
ALTER TABLE model_registry ADD COLUMN validation_end DATE;       -- last feature month of the calibration block
ALTER TABLE model_registry ADD COLUMN test_month DATE;           -- feature month scored for the test year, if any
ALTER TABLE model_registry ADD COLUMN negative_sample_rate DOUBLE;
ALTER TABLE model_registry ADD COLUMN calibration_json VARCHAR;
ALTER TABLE model_registry ADD COLUMN data_fingerprint_json VARCHAR;
ALTER TABLE model_registry ADD COLUMN trainer_note VARCHAR;      -- e.g. why a fallback trainer ran
