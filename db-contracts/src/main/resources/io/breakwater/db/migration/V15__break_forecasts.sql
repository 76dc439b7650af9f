-- Breakwater schema, version 15 (forecast-core): monthly break forecasts with prediction intervals under weather
-- scenarios, their rolling-origin back-test, and the months that broke the pattern. Additive only, portable subset
-- (DuckDB and SQLite/libSQL). Column meanings: docs/forecast.md.

-- One forecast run: the method chosen by back-test among the candidates, the weather scenarios it was given.
CREATE TABLE forecast_runs (
    forecast_id          VARCHAR    NOT NULL PRIMARY KEY,   -- 'forecast@' || first forecast month (yyyy-MM)
    first_month          DATE       NOT NULL,               -- first month forecast
    horizon_months       INTEGER    NOT NULL,
    history_start        DATE       NOT NULL,               -- first month of break history used
    history_end          DATE       NOT NULL,               -- last complete month of break history used
    method               VARCHAR    NOT NULL,               -- seasonal, climate_nb
    candidates           VARCHAR    NOT NULL,               -- comma-separated candidates back-tested
    climate_series       VARCHAR,                           -- climate_monthly.series_id read, if any
    network_dispersion   DOUBLE,                            -- negative-binomial 1/k of network months (0 = Poisson)
    area_dispersion      DOUBLE,                            -- negative-binomial 1/k of area-months
    anomaly_threshold    DOUBLE     NOT NULL,               -- tail probability below which a month is flagged
    scenarios_json       VARCHAR    NOT NULL,               -- each scenario's freezing index and freeze-thaw days per month
    created_at           TIMESTAMP  NOT NULL,
    breakwater_version   VARCHAR    NOT NULL
);

-- Expected breaks per month with 80% and 95% prediction intervals: per area and for the whole network (scope
-- 'network', area_id '*'), under each weather scenario: normal, cold_1_in_10, and any_weather (weather unknown).
CREATE TABLE break_forecasts (
    forecast_id       VARCHAR  NOT NULL,
    scope             VARCHAR  NOT NULL,   -- network, area
    area_id           VARCHAR  NOT NULL,   -- '*' for the network
    month_start       DATE     NOT NULL,
    scenario          VARCHAR  NOT NULL,   -- normal, cold_1_in_10, any_weather
    expected_breaks   DOUBLE   NOT NULL,
    lower_80          INTEGER  NOT NULL,
    upper_80          INTEGER  NOT NULL,
    lower_95          INTEGER  NOT NULL,
    upper_95          INTEGER  NOT NULL,
    freezing_index    DOUBLE,              -- the scenario's weather for the month (NULL for any_weather)
    freeze_thaw_days  DOUBLE,
    PRIMARY KEY (forecast_id, scope, area_id, month_start, scenario)
);

-- Rolling-origin back-test of every candidate: per test year and pooled, at area-month and network-month level.
CREATE TABLE forecast_backtest_metrics (
    forecast_id   VARCHAR  NOT NULL,
    candidate     VARCHAR  NOT NULL,       -- seasonal, climate_nb, seasonal_naive
    scope         VARCHAR  NOT NULL,       -- area, network
    period        VARCHAR  NOT NULL,       -- a test year ('2014') or 'pooled'
    metric        VARCHAR  NOT NULL,       -- coverage_80, coverage_95, mae, mase, months
    metric_value  DOUBLE,
    PRIMARY KEY (forecast_id, candidate, scope, period, metric)
);

-- Every area-month and network-month of the history after the warm-up, observed against the forecast made at the
-- January before it, with tail probabilities, the flag and the likely driver (rules: docs/forecast.md).
CREATE TABLE break_anomalies (
    forecast_id        VARCHAR  NOT NULL,
    scope              VARCHAR  NOT NULL,  -- network, area
    area_id            VARCHAR  NOT NULL,  -- '*' for the network
    month_start        DATE     NOT NULL,
    observed_breaks    INTEGER  NOT NULL,
    expected_breaks    DOUBLE   NOT NULL,  -- given the month's observed weather (weather unknown where unrecorded)
    lower_95           INTEGER  NOT NULL,
    upper_95           INTEGER  NOT NULL,
    tail_probability   DOUBLE   NOT NULL,  -- P(at least observed) when high, P(at most observed) when low
    expected_normal    DOUBLE,             -- the same forecast under the normal-winter scenario
    upper_95_normal    INTEGER,
    tail_probability_normal DOUBLE,        -- P(at least observed) in a normal winter
    lower_95_cold      INTEGER,            -- 95% interval under the 1-in-10 cold scenario
    upper_95_cold      INTEGER,
    direction          VARCHAR  NOT NULL,  -- high, low
    flagged            BOOLEAN  NOT NULL,
    driver             VARCHAR,            -- freezing_index_extreme, near_duplicate_cluster, data_gap, unexplained
    driver_detail      VARCHAR,
    freezing_index     DOUBLE,             -- observed weather of the month
    PRIMARY KEY (forecast_id, scope, area_id, month_start)
);
CREATE INDEX break_anomalies_flagged ON break_anomalies (forecast_id, flagged);

-- ---------------------------------------------------------------- BI star facts (rebuilt by the star refresh)

-- The latest forecast run's months: month_key -> dim_date.date_key, area_key -> dim_area.area_key (NULL for the
-- network).
CREATE TABLE fct_break_forecast (
    forecast_row_key  VARCHAR  NOT NULL PRIMARY KEY,   -- scope:area:yyyymm:scenario
    forecast_id       VARCHAR  NOT NULL,
    month_key         INTEGER  NOT NULL,
    area_key          VARCHAR,
    scope             VARCHAR  NOT NULL,               -- network, area
    scenario          VARCHAR  NOT NULL,               -- normal, cold_1_in_10, any_weather
    method            VARCHAR  NOT NULL,
    expected_breaks   DOUBLE   NOT NULL,
    lower_80          INTEGER  NOT NULL,
    upper_80          INTEGER  NOT NULL,
    lower_95          INTEGER  NOT NULL,
    upper_95          INTEGER  NOT NULL,
    freezing_index    DOUBLE,
    freeze_thaw_days  DOUBLE
);

-- The latest forecast run's judged months: actual against the expected band, flagged months and their driver.
CREATE TABLE fct_break_anomaly (
    anomaly_key       VARCHAR  NOT NULL PRIMARY KEY,   -- scope:area:yyyymm
    forecast_id       VARCHAR  NOT NULL,
    month_key         INTEGER  NOT NULL,
    area_key          VARCHAR,
    scope             VARCHAR  NOT NULL,
    observed_breaks   INTEGER  NOT NULL,
    expected_breaks   DOUBLE   NOT NULL,
    lower_95          INTEGER  NOT NULL,
    upper_95          INTEGER  NOT NULL,
    expected_normal   DOUBLE,
    upper_95_normal   INTEGER,
    upper_95_cold     INTEGER,
    tail_probability  DOUBLE   NOT NULL,
    direction         VARCHAR  NOT NULL,
    flagged           BOOLEAN  NOT NULL,
    driver            VARCHAR,
    driver_detail     VARCHAR
);
