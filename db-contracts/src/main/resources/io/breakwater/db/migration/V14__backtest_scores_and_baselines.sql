-- Breakwater schema, version 14 (ml-core): per-asset back-test scores, the model against its strongest baseline,
-- and what the inner validation chose. Additive only, portable subset (DuckDB and SQLite/libSQL).

-- Every asset's score in every test year of an evaluation: the ranker the evaluation reports as "model" (the one its
-- inner validation chose), scored on the December row before the test year, with the breaks that followed.
CREATE TABLE evaluation_backtest_scores (
    evaluation_id   VARCHAR  NOT NULL,
    test_year       INTEGER  NOT NULL,
    asset_id        VARCHAR  NOT NULL,
    score           DOUBLE   NOT NULL,    -- higher = riskier (probability, expected breaks, or a baseline's value)
    score_per_km    DOUBLE,               -- score / km at pipe grain when the length is known
    score_rank      INTEGER  NOT NULL,    -- 1 = riskiest, by score
    rank_per_km     INTEGER,              -- 1 = riskiest per km
    breaks_observed DOUBLE,               -- breaks in the test window (the label)
    ranker          VARCHAR  NOT NULL,    -- the ranker that produced the score, e.g. xgboost:break_count:per_km
    PRIMARY KEY (evaluation_id, test_year, asset_id)
);

-- The model against the strongest baseline on the headline metric, per test year, as a mean of years and pooled.
-- The strongest baseline is the baseline with the highest mean over test years of the headline metric.
CREATE TABLE evaluation_comparisons (
    evaluation_id      VARCHAR  NOT NULL,
    period             VARCHAR  NOT NULL,   -- a test year ('2014'), 'mean' or 'pooled'
    headline_metric    VARCHAR  NOT NULL,   -- break_share_top_5pct_length or break_share_top_10pct_assets
    strongest_baseline VARCHAR  NOT NULL,
    model_value        DOUBLE,
    baseline_value     DOUBLE,
    difference         DOUBLE,              -- model - baseline
    difference_sd      DOUBLE,              -- 'mean' only: sample sd of the per-year differences
    years_ahead        INTEGER,             -- 'mean' only: test years with a positive difference
    years              INTEGER,             -- 'mean' only: test years compared
    PRIMARY KEY (evaluation_id, period)
);

-- Why a model is what it is: the candidates of the inner validation, their scores, and the one chosen.
ALTER TABLE model_registry ADD COLUMN selection_json VARCHAR;
