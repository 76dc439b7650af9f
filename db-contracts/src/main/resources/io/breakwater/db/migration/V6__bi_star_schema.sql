-- Breakwater schema, version 6: the BI star schema (issue 8).
-- Dimensions and facts are tables refreshed as a whole by 'breakwater bi refresh' (io.breakwater.bi.StarSchema),
-- written through jOOQ, so they read the same on DuckDB and SQLite/libSQL. Keys are stable: the natural key of
-- the source row (area_id, zone_id, asset_id, model_id, break_id, run_id) and, for dim_date, yyyymmdd as an integer,
-- so a refresh never renumbers anything a report or a Power BI relationship points at.
-- The dash_* tables (one per dashboard) are derived from the star tables by the same refresh.
-- Portable subset only; never edit once applied.

-- ---------------------------------------------------------------- dimensions

CREATE TABLE dim_date (
    date_key        INTEGER  NOT NULL PRIMARY KEY,   -- yyyymmdd
    full_date       DATE     NOT NULL,               -- Power BI "Mark as date table" column: unique (one row per
                                                     -- date_key), contiguous, whole years. No UNIQUE index: DuckDB
                                                     -- refuses delete-then-insert of the same value in one transaction
    year            INTEGER  NOT NULL,
    quarter         INTEGER  NOT NULL,
    quarter_label   VARCHAR  NOT NULL,               -- Q1 .. Q4
    month_of_year   INTEGER  NOT NULL,
    month_name      VARCHAR  NOT NULL,               -- January
    month_short     VARCHAR  NOT NULL,               -- Jan
    year_month      VARCHAR  NOT NULL,               -- 2016-01
    month_key       INTEGER  NOT NULL,               -- date_key of the first day of the month
    month_start     DATE     NOT NULL,
    day_of_month    INTEGER  NOT NULL,
    day_of_week     INTEGER  NOT NULL,               -- ISO: 1 Monday .. 7 Sunday
    day_name        VARCHAR  NOT NULL,
    day_of_year     INTEGER  NOT NULL,
    iso_week        INTEGER  NOT NULL,
    is_weekend      BOOLEAN  NOT NULL,
    season          VARCHAR  NOT NULL                -- winter (Dec-Feb), spring, summer, autumn
);

CREATE TABLE dim_area (
    area_key        VARCHAR  NOT NULL PRIMARY KEY,   -- areas.area_id
    area_code       VARCHAR,
    area_name       VARCHAR,
    area_set        VARCHAR  NOT NULL,
    area_km2        DOUBLE,
    pipe_length_km  DOUBLE,                          -- from the pipe inventory or the asset table; NULL when unknown
    centroid_lon    DOUBLE,
    centroid_lat    DOUBLE,
    geometry_wkt    VARCHAR  NOT NULL                -- WGS84
);

CREATE TABLE dim_soil_zone (
    soil_zone_key       VARCHAR  NOT NULL PRIMARY KEY,  -- soil_zones.zone_id
    soil_type           VARCHAR,
    corrosivity_index   DOUBLE,
    corrosivity_class   VARCHAR,
    shrink_swell_index  DOUBLE,
    shrink_swell_class  VARCHAR,
    is_synthetic        BOOLEAN  NOT NULL,
    source_name         VARCHAR  NOT NULL,
    area_km2            DOUBLE,
    geometry_wkt        VARCHAR  NOT NULL
);

CREATE TABLE dim_asset (
    asset_key       VARCHAR  NOT NULL PRIMARY KEY,   -- feature_assets.asset_id / pipes.pipe_id
    grain           VARCHAR  NOT NULL,               -- pipe, area, grid:SIZE
    area_key        VARCHAR,
    soil_zone_key   VARCHAR,
    material        VARCHAR,
    diameter_mm     DOUBLE,
    install_year    INTEGER,
    length_km       DOUBLE,
    area_km2        DOUBLE,
    centroid_lon    DOUBLE,
    centroid_lat    DOUBLE,
    geometry_wkt    VARCHAR,
    feature_set_id  VARCHAR                          -- the newest feature set that describes the asset
);

CREATE TABLE dim_model (
    model_key        VARCHAR    NOT NULL PRIMARY KEY,   -- model_registry.model_id
    name             VARCHAR    NOT NULL,
    algorithm        VARCHAR    NOT NULL,
    target           VARCHAR    NOT NULL,
    grain            VARCHAR    NOT NULL,
    horizon_months   INTEGER    NOT NULL,
    train_start      DATE       NOT NULL,
    train_end        DATE       NOT NULL,
    cutoff_month     DATE       NOT NULL,
    feature_set_id   VARCHAR    NOT NULL,
    training_rows    BIGINT     NOT NULL,
    created_at       TIMESTAMP  NOT NULL,
    is_latest        BOOLEAN    NOT NULL              -- newest model of its name
);

-- ---------------------------------------------------------------- facts

CREATE TABLE fct_break (
    break_key          VARCHAR  NOT NULL PRIMARY KEY,   -- pipe_breaks_clean.break_id
    date_key           INTEGER  NOT NULL,
    month_key          INTEGER  NOT NULL,
    area_key           VARCHAR,
    asset_key          VARCHAR,                         -- the pipe, when the break was matched to one
    soil_zone_key      VARCHAR,
    source_name        VARCHAR  NOT NULL,
    material           VARCHAR,
    diameter_mm        DOUBLE,
    pipe_age_years     INTEGER,                         -- break year minus install year, NULL when unknown or negative
    break_type         VARCHAR,
    lon                DOUBLE,
    lat                DOUBLE,
    flags              VARCHAR,
    break_count        INTEGER  NOT NULL               -- always 1: sum it
);
CREATE INDEX fct_break_month ON fct_break (month_key);

CREATE TABLE fct_climate_monthly (
    series_id          VARCHAR  NOT NULL,
    month_key          INTEGER  NOT NULL,
    is_primary         BOOLEAN  NOT NULL,               -- the series the dashboards use (most observed months)
    t_mean             DOUBLE,
    t_min              DOUBLE,
    t_max              DOUBLE,
    t_drop             DOUBLE,                          -- previous month's mean minus this month's (positive = colder)
    precip_mm          DOUBLE,
    snow_cm            DOUBLE,
    freezing_index     DOUBLE,
    frost_days         INTEGER,
    freeze_thaw_days   INTEGER,
    days_observed      INTEGER  NOT NULL,
    temp_complete      BOOLEAN  NOT NULL,
    precip_complete    BOOLEAN  NOT NULL,
    PRIMARY KEY (series_id, month_key)
);

CREATE TABLE fct_risk_score (
    model_key          VARCHAR  NOT NULL,
    asset_key          VARCHAR  NOT NULL,
    score_month_key    INTEGER  NOT NULL,
    horizon_months     INTEGER  NOT NULL,
    probability        DOUBLE   NOT NULL,
    expected_breaks    DOUBLE,
    risk_rank          INTEGER  NOT NULL,
    percentile         DOUBLE   NOT NULL,
    risk_class         VARCHAR  NOT NULL,
    risk_per_km        DOUBLE,
    rank_per_km        INTEGER,
    is_latest          BOOLEAN  NOT NULL,               -- newest score month of the newest model of its name
    PRIMARY KEY (model_key, asset_key, score_month_key)
);

CREATE TABLE fct_risk_driver (
    model_key          VARCHAR  NOT NULL,
    asset_key          VARCHAR  NOT NULL,
    score_month_key    INTEGER  NOT NULL,
    driver_rank        INTEGER  NOT NULL,               -- 1 = main driver
    driver             VARCHAR  NOT NULL,
    contribution       DOUBLE,
    PRIMARY KEY (model_key, asset_key, score_month_key, driver_rank)
);

CREATE TABLE fct_model_metric (
    model_key          VARCHAR  NOT NULL,
    scorer             VARCHAR  NOT NULL,               -- model, or a baseline: random, age, past_breaks, ...
    is_baseline        BOOLEAN  NOT NULL,
    period             VARCHAR  NOT NULL,               -- a test year or 'pooled'
    period_year        INTEGER,                         -- the year as a number, NULL for 'pooled'
    metric             VARCHAR  NOT NULL,
    metric_value       DOUBLE,
    PRIMARY KEY (model_key, scorer, period, metric)
);

CREATE TABLE fct_model_feature (
    model_key          VARCHAR  NOT NULL,
    feature            VARCHAR  NOT NULL,
    importance         DOUBLE   NOT NULL,
    importance_rank    INTEGER  NOT NULL,
    PRIMARY KEY (model_key, feature)
);

CREATE TABLE fct_model_calibration (
    model_key          VARCHAR  NOT NULL,
    bin                INTEGER  NOT NULL,               -- 1 .. 10 by predicted probability
    predicted_mean     DOUBLE   NOT NULL,
    observed_rate      DOUBLE   NOT NULL,               -- share of scored asset-months that saw a break in the horizon
    scored_count       BIGINT   NOT NULL,
    PRIMARY KEY (model_key, bin)
);

CREATE TABLE fct_ingest_run (
    run_id             BIGINT   NOT NULL PRIMARY KEY,
    date_key           INTEGER  NOT NULL,               -- day the run started
    source_kind        VARCHAR  NOT NULL,
    source_name        VARCHAR  NOT NULL,
    status             VARCHAR  NOT NULL,
    rows_read          BIGINT   NOT NULL,
    rows_loaded        BIGINT   NOT NULL,
    rows_rejected      BIGINT   NOT NULL,
    rows_flagged       BIGINT   NOT NULL,
    reject_rules       INTEGER  NOT NULL,               -- distinct rejection rules seen in rejected_rows
    started_at         TIMESTAMP NOT NULL
);

CREATE TABLE fct_dq_result (
    run_id             BIGINT   NOT NULL,
    check_name         VARCHAR  NOT NULL,
    date_key           INTEGER  NOT NULL,
    source_name        VARCHAR,
    table_name         VARCHAR  NOT NULL,
    column_name        VARCHAR,
    severity           VARCHAR  NOT NULL,
    status             VARCHAR  NOT NULL,
    element_count      BIGINT   NOT NULL,
    unexpected_count   BIGINT   NOT NULL,
    unexpected_percent DOUBLE   NOT NULL,
    observed_value     DOUBLE,
    message            VARCHAR,
    PRIMARY KEY (run_id, check_name)
);

-- ---------------------------------------------------------------- dashboards (one table each)
-- Tables rather than views: the rolling and year-over-year figures need window functions and dense month series,
-- which the refresh computes once in Java; every row is rebuilt from the star tables above on each refresh.

-- Break trends and seasonality: one row per month the break records cover (months without breaks included).
CREATE TABLE dash_break_trends (
    month_key                    INTEGER  NOT NULL PRIMARY KEY,
    month_start                  DATE     NOT NULL,
    year                         INTEGER  NOT NULL,
    month_of_year                INTEGER  NOT NULL,
    month_short                  VARCHAR  NOT NULL,
    season                       VARCHAR  NOT NULL,
    breaks                       INTEGER  NOT NULL,
    breaks_rolling_12m           INTEGER,               -- NULL for the first 11 months (incomplete window)
    breaks_same_month_last_year  INTEGER,               -- NULL in the first year
    yoy_change                   INTEGER                -- breaks minus the same month last year
);

-- Environmental drivers: breaks per month beside the primary climate series.
CREATE TABLE dash_climate_drivers (
    month_key          INTEGER  NOT NULL PRIMARY KEY,
    series_id          VARCHAR  NOT NULL,
    year               INTEGER  NOT NULL,
    month_of_year      INTEGER  NOT NULL,
    season             VARCHAR  NOT NULL,
    breaks             INTEGER  NOT NULL,
    freezing_index     DOUBLE,
    t_mean             DOUBLE,
    t_drop             DOUBLE,
    precip_mm          DOUBLE,
    frost_days         INTEGER,
    freeze_thaw_days   INTEGER,
    temp_complete      BOOLEAN  NOT NULL
);

-- Geotechnical drivers: breaks per soil zone against its corrosivity and shrink-swell potential.
CREATE TABLE dash_soil_drivers (
    soil_zone_key       VARCHAR  NOT NULL PRIMARY KEY,
    soil_type           VARCHAR,
    corrosivity_index   DOUBLE,
    corrosivity_class   VARCHAR,
    shrink_swell_class  VARCHAR,
    is_synthetic        BOOLEAN  NOT NULL,
    area_km2            DOUBLE,
    breaks              INTEGER  NOT NULL,
    breaks_per_km2      DOUBLE
);

-- Geographic hotspots: breaks per area, per km of main and per km2, with the geometry for maps.
CREATE TABLE dash_hotspots (
    area_key        VARCHAR  NOT NULL PRIMARY KEY,
    area_code       VARCHAR,
    area_name       VARCHAR,
    area_km2        DOUBLE,
    pipe_length_km  DOUBLE,
    breaks          INTEGER  NOT NULL,
    breaks_per_km   DOUBLE,                 -- NULL without pipe lengths
    breaks_per_km2  DOUBLE,
    breaks_rank     INTEGER  NOT NULL,      -- 1 = most breaks per km (per km2 when no lengths are known)
    mean_risk       DOUBLE,                 -- mean latest probability of the area's assets, when scored
    centroid_lon    DOUBLE,
    centroid_lat    DOUBLE,
    geometry_wkt    VARCHAR  NOT NULL
);

-- Risk ranking: the latest scores of each model with rank, class and the three main drivers.
CREATE TABLE dash_risk_ranking (
    model_key          VARCHAR  NOT NULL,
    asset_key          VARCHAR  NOT NULL,
    model_name         VARCHAR  NOT NULL,
    grain              VARCHAR,
    area_key           VARCHAR,
    material           VARCHAR,
    length_km          DOUBLE,
    score_month_key    INTEGER  NOT NULL,
    horizon_months     INTEGER  NOT NULL,
    probability        DOUBLE   NOT NULL,
    expected_breaks    DOUBLE,
    risk_rank          INTEGER  NOT NULL,
    percentile         DOUBLE   NOT NULL,
    risk_class         VARCHAR  NOT NULL,
    risk_per_km        DOUBLE,
    rank_per_km        INTEGER,
    driver_1           VARCHAR,
    driver_2           VARCHAR,
    driver_3           VARCHAR,
    centroid_lon       DOUBLE,
    centroid_lat       DOUBLE,
    PRIMARY KEY (model_key, asset_key)
);
