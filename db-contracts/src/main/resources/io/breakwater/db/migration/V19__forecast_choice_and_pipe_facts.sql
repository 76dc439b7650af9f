-- Breakwater schema, version 19 (forecast-core, bi-core): why the forecaster chose its method, and the per-pipe
-- forecasts in the star schema and the Power BI export. Additive only, portable subset (DuckDB and SQLite/libSQL).
-- Column meanings: docs/forecast.md, docs/data-contracts.md.

-- Every candidate of a forecast run: back-tested or skipped (and why), its pooled log scores, the one chosen and why.
ALTER TABLE forecast_runs ADD COLUMN choice_json VARCHAR;

-- The latest forecast run's pipe months (pipe grain only): month_key -> dim_date.date_key, asset_key ->
-- dim_asset.asset_key, area_key -> dim_area.area_key. Rebuilt from pipe_break_forecasts by every star refresh.
CREATE TABLE fct_pipe_forecast (
    forecast_id       VARCHAR  NOT NULL,
    month_key         INTEGER  NOT NULL,
    asset_key         VARCHAR  NOT NULL,
    area_key          VARCHAR,
    method            VARCHAR  NOT NULL,   -- the forecast run's method
    risk_share        DOUBLE   NOT NULL,   -- the pipe's share of its area's expected breaks in the risk scores
    expected_breaks   DOUBLE   NOT NULL,   -- normal winter
    lower_80          INTEGER  NOT NULL,
    upper_80          INTEGER  NOT NULL,
    lower_95          INTEGER  NOT NULL,
    upper_95          INTEGER  NOT NULL,
    expected_cold     DOUBLE   NOT NULL,   -- cold 1-in-10 winter
    upper_95_cold     INTEGER  NOT NULL,
    PRIMARY KEY (forecast_id, asset_key, month_key)
);
