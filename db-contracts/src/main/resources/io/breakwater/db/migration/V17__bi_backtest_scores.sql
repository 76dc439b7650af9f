-- Breakwater schema, version 17 (bi-core): every asset's back-test score in the star schema and the Power BI export,
-- so that a planner can see where each test year's breaks fell in the ranking the model (the ranker its inner
-- validation chose) gave the December before. Rebuilt from evaluation_backtest_scores by every star refresh.
-- Additive only, portable subset (DuckDB and SQLite/libSQL). Column meanings: docs/data-contracts.md.

CREATE TABLE fct_backtest_score (
    evaluation_id    VARCHAR  NOT NULL,   -- model_evaluations.evaluation_id
    test_year        INTEGER  NOT NULL,
    test_year_key    INTEGER  NOT NULL,   -- dim_date.date_key of 1 January of the test year
    asset_key        VARCHAR  NOT NULL,   -- dim_asset.asset_key
    area_key         VARCHAR,             -- dim_asset.area_key of the asset
    model_key        VARCHAR,             -- dim_model.model_key of the test year's back-test model, if registered
    target           VARCHAR  NOT NULL,   -- any_break, break_count
    ranker           VARCHAR  NOT NULL,   -- the ranker that produced the score, e.g. xgboost:any_break:per_size
    score            DOUBLE   NOT NULL,   -- higher = riskier
    score_per_km     DOUBLE,
    score_rank       INTEGER  NOT NULL,   -- 1 = riskiest
    rank_per_km      INTEGER,             -- 1 = riskiest per km (the renewal budget's order)
    percentile       DOUBLE   NOT NULL,   -- 100 = riskiest, from score_rank among the year's assets
    breaks_observed  DOUBLE,              -- breaks in the test year (the label)
    PRIMARY KEY (evaluation_id, test_year, asset_key)
);
