-- Breakwater schema, version 18 (forecast-core): per-pipe monthly break forecasts where the feature panel's grain is
-- pipe. Additive only, portable subset (DuckDB and SQLite/libSQL).

-- Expected breaks per pipe and month: the area's forecast apportioned by the pipe's share of its area's risk scores
-- (docs/forecast.md), with 80% and 95% intervals in a normal winter and the expectation and 95% upper bound of a cold
-- 1-in-10 winter beside them.
CREATE TABLE pipe_break_forecasts (
    forecast_id       VARCHAR  NOT NULL,
    asset_id          VARCHAR  NOT NULL,
    area_id           VARCHAR  NOT NULL,   -- the area whose forecast is apportioned ('*': the network's)
    month_start       DATE     NOT NULL,
    risk_share        DOUBLE   NOT NULL,   -- the pipe's share of its area's expected breaks in the risk scores
    expected_breaks   DOUBLE   NOT NULL,   -- normal winter
    lower_80          INTEGER  NOT NULL,
    upper_80          INTEGER  NOT NULL,
    lower_95          INTEGER  NOT NULL,
    upper_95          INTEGER  NOT NULL,
    expected_cold     DOUBLE   NOT NULL,   -- cold 1-in-10 winter
    upper_95_cold     INTEGER  NOT NULL,
    PRIMARY KEY (forecast_id, asset_id, month_start)
);
