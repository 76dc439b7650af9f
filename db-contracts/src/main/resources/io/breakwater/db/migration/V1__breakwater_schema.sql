-- Breakwater schema, version 1: the contract between the stages.
-- Portable subset only (runs unchanged on DuckDB and SQLite/libSQL): INTEGER, BIGINT, DOUBLE,
-- VARCHAR, DATE, TIMESTAMP, BOOLEAN, composite primary keys, indexes. No auto-increment
-- (ids are assigned by the application) and no foreign keys (DuckDB rewrites an update of a
-- referenced row as delete+insert, which breaks upserts); logical keys are documented in
-- docs/data-contracts.md. Never edit this file once applied: add a new migration instead.

-- ---------------------------------------------------------------- operations

CREATE TABLE ingest_runs (
    run_id              BIGINT       NOT NULL PRIMARY KEY,
    source_kind         VARCHAR      NOT NULL,   -- breaks, areas, climate, soil, pipes
    source_name         VARCHAR      NOT NULL,   -- logical source, e.g. 'toronto-breaks'
    source_path         VARCHAR,
    source_sha256       VARCHAR,
    mapping_sha256      VARCHAR,
    load_mode           VARCHAR      NOT NULL,   -- incremental, full_refresh
    rows_read           BIGINT       NOT NULL,
    rows_loaded         BIGINT       NOT NULL,   -- accepted rows (inserted + updated + unchanged)
    rows_inserted       BIGINT       NOT NULL,
    rows_updated        BIGINT       NOT NULL,
    rows_unchanged      BIGINT       NOT NULL,
    rows_rejected       BIGINT       NOT NULL,
    rows_flagged        BIGINT       NOT NULL,
    status              VARCHAR      NOT NULL,   -- succeeded, unchanged, failed
    error_message       VARCHAR,
    started_at          TIMESTAMP    NOT NULL,
    finished_at         TIMESTAMP,
    breakwater_version  VARCHAR
);

CREATE TABLE rejected_rows (
    run_id         BIGINT   NOT NULL,
    line_number    BIGINT   NOT NULL,            -- physical line in the source file (1-based)
    source_name    VARCHAR  NOT NULL,
    column_name    VARCHAR,
    raw_value      VARCHAR,
    raw_record     VARCHAR,
    rule           VARCHAR  NOT NULL,
    message        VARCHAR  NOT NULL,
    PRIMARY KEY (run_id, line_number)
);

CREATE TABLE dq_results (
    run_id              BIGINT   NOT NULL,
    check_name          VARCHAR  NOT NULL,
    table_name          VARCHAR  NOT NULL,
    column_name         VARCHAR,
    severity            VARCHAR  NOT NULL,       -- reject_row, flag_row, warn_run, fail_run
    status              VARCHAR  NOT NULL,       -- passed, warned, failed
    element_count       BIGINT   NOT NULL,
    unexpected_count    BIGINT   NOT NULL,
    unexpected_percent  DOUBLE   NOT NULL,
    threshold           DOUBLE,                  -- share of rows that must pass (run-level checks)
    observed_value      DOUBLE,                  -- for checks that measure a number (match rate, ...)
    sample_values       VARCHAR,
    message             VARCHAR,
    checked_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, check_name)
);

-- ---------------------------------------------------------------- curated

CREATE TABLE areas (
    area_id        VARCHAR  NOT NULL PRIMARY KEY,
    area_code      VARCHAR,
    area_name      VARCHAR,
    area_set       VARCHAR  NOT NULL,            -- e.g. 'toronto-neighbourhoods-140'
    area_km2       DOUBLE,
    centroid_lon   DOUBLE,
    centroid_lat   DOUBLE,
    geometry_wkt   VARCHAR  NOT NULL,            -- WGS84
    run_id         BIGINT   NOT NULL
);

CREATE TABLE soil_zones (
    zone_id               VARCHAR  NOT NULL PRIMARY KEY,
    soil_type             VARCHAR,
    corrosivity_index     DOUBLE,                -- 0 (none) .. 1 (severe)
    corrosivity_class     VARCHAR,               -- low, moderate, high, severe
    shrink_swell_index    DOUBLE,                -- 0 .. 1
    shrink_swell_class    VARCHAR,               -- low, moderate, high
    is_synthetic          BOOLEAN  NOT NULL,
    source_name           VARCHAR  NOT NULL,
    geometry_wkt          VARCHAR  NOT NULL,     -- WGS84
    area_km2              DOUBLE,
    flags                 VARCHAR,
    run_id                BIGINT   NOT NULL
);

CREATE TABLE pipes (
    pipe_id          VARCHAR  NOT NULL PRIMARY KEY,
    source_name      VARCHAR  NOT NULL,
    material         VARCHAR  NOT NULL,          -- vocabulary: cast_iron, ductile_iron, pvc, asbestos_cement,
                                                 -- steel, concrete, polyethylene, copper, other, unknown
    material_raw     VARCHAR,
    diameter_mm      DOUBLE,
    install_year     INTEGER,
    length_m         DOUBLE,
    status           VARCHAR,                    -- active, abandoned
    pressure_zone    VARCHAR,
    geometry_wkt     VARCHAR,                    -- WGS84 line, when the inventory has geometry
    centroid_lon     DOUBLE,
    centroid_lat     DOUBLE,
    area_id          VARCHAR,
    soil_zone_id     VARCHAR,
    flags            VARCHAR,
    run_id           BIGINT   NOT NULL,
    source_line      BIGINT
);

CREATE TABLE pipe_breaks_clean (
    break_id             VARCHAR  NOT NULL PRIMARY KEY,   -- source_name || ':' || natural key
    source_name          VARCHAR  NOT NULL,
    source_record_id     VARCHAR  NOT NULL,
    break_date           DATE     NOT NULL,
    break_time           TIMESTAMP,
    break_year           INTEGER  NOT NULL,
    break_month          INTEGER  NOT NULL,
    lon                  DOUBLE,
    lat                  DOUBLE,
    source_x             DOUBLE,
    source_y             DOUBLE,
    source_crs           VARCHAR,
    area_id              VARCHAR,
    pipe_id              VARCHAR,
    pipe_match_method    VARCHAR,                         -- asset_id, snap, none
    pipe_match_distance_m DOUBLE,
    soil_zone_id         VARCHAR,
    asset_id_raw         VARCHAR,
    material             VARCHAR,
    diameter_mm          DOUBLE,
    install_year         INTEGER,
    break_type           VARCHAR,
    address              VARCHAR,
    flags                VARCHAR,                         -- comma-separated quality flags
    record_hash          VARCHAR  NOT NULL,               -- detects a changed record on re-ingest
    run_id               BIGINT   NOT NULL,
    source_line          BIGINT   NOT NULL
);
CREATE INDEX pipe_breaks_clean_date ON pipe_breaks_clean (break_date);

CREATE TABLE climate_daily (
    station_id      VARCHAR  NOT NULL,
    obs_date        DATE     NOT NULL,
    t_max           DOUBLE,
    t_min           DOUBLE,
    t_mean          DOUBLE,
    precip_mm       DOUBLE,
    snow_cm         DOUBLE,
    flags           VARCHAR,
    run_id          BIGINT   NOT NULL,
    PRIMARY KEY (station_id, obs_date)
);

CREATE TABLE climate_monthly (
    series_id           VARCHAR  NOT NULL,     -- a station id, or the name of a merged series
    month_start         DATE     NOT NULL,     -- first day of the month
    year                INTEGER  NOT NULL,
    month_of_year       INTEGER  NOT NULL,
    t_mean              DOUBLE,
    t_min               DOUBLE,
    t_max               DOUBLE,
    precip_mm           DOUBLE,
    snow_cm             DOUBLE,
    freezing_index      DOUBLE,                -- degree-days below 0 degC
    frost_days          INTEGER,
    freeze_thaw_days    INTEGER,
    t_mean_change       DOUBLE,                -- t_mean minus the previous month's t_mean
    days_in_month       INTEGER  NOT NULL,
    days_observed       INTEGER  NOT NULL,
    temp_days_observed  INTEGER  NOT NULL,
    precip_days_observed INTEGER NOT NULL,
    temp_complete       BOOLEAN  NOT NULL,
    precip_complete     BOOLEAN  NOT NULL,
    source_station      VARCHAR,               -- which station supplied the month (merged series)
    run_id              BIGINT   NOT NULL,
    PRIMARY KEY (series_id, month_start)
);

-- ---------------------------------------------------------------- features

CREATE TABLE feature_sets (
    feature_set_id    VARCHAR   NOT NULL PRIMARY KEY,   -- name@version
    name              VARCHAR   NOT NULL,
    version           VARCHAR   NOT NULL,
    definition_hash   VARCHAR   NOT NULL,
    definition_json   VARCHAR   NOT NULL,
    grain             VARCHAR   NOT NULL,               -- pipe, area, grid:SIZE
    horizon_months    INTEGER   NOT NULL,
    first_month       DATE,
    last_month        DATE,
    asset_count       BIGINT,
    row_count         BIGINT,
    input_runs        VARCHAR,                          -- JSON list of ingest run ids read
    as_of             TIMESTAMP NOT NULL,
    built_at          TIMESTAMP NOT NULL
);

CREATE TABLE feature_assets (
    feature_set_id   VARCHAR  NOT NULL,
    asset_id         VARCHAR  NOT NULL,
    grain            VARCHAR  NOT NULL,
    area_id          VARCHAR,
    material         VARCHAR,
    diameter_mm      DOUBLE,
    install_year     INTEGER,
    length_m         DOUBLE,
    area_km2         DOUBLE,
    soil_zone_id     VARCHAR,
    centroid_lon     DOUBLE,
    centroid_lat     DOUBLE,
    geometry_wkt     VARCHAR,
    PRIMARY KEY (feature_set_id, asset_id)
);

CREATE TABLE asset_neighbours (
    feature_set_id     VARCHAR  NOT NULL,
    asset_id           VARCHAR  NOT NULL,
    neighbour_id       VARCHAR  NOT NULL,
    distance_m         DOUBLE,
    PRIMARY KEY (feature_set_id, asset_id, neighbour_id)
);

CREATE TABLE pipe_features_monthly (
    feature_set_id          VARCHAR  NOT NULL,
    asset_id                VARCHAR  NOT NULL,
    month_start             DATE     NOT NULL,
    year                    INTEGER  NOT NULL,
    month_of_year           INTEGER  NOT NULL,
    breaks_in_month         INTEGER  NOT NULL,
    breaks_lag_1            INTEGER,
    breaks_lag_2            INTEGER,
    breaks_lag_3            INTEGER,
    breaks_3m               INTEGER  NOT NULL,
    breaks_6m               INTEGER  NOT NULL,
    breaks_12m              INTEGER  NOT NULL,
    breaks_36m              INTEGER  NOT NULL,
    breaks_cumulative       INTEGER  NOT NULL,
    months_since_last_break INTEGER,
    breaks_per_km_12m       DOUBLE,
    breaks_per_km_36m       DOUBLE,
    neighbour_breaks_12m    INTEGER,
    neighbour_breaks_36m    INTEGER,
    t_mean                  DOUBLE,
    t_min                   DOUBLE,
    freezing_index          DOUBLE,
    freeze_thaw_days        INTEGER,
    precip_mm               DOUBLE,
    t_mean_change           DOUBLE,
    t_mean_3m               DOUBLE,
    t_min_3m                DOUBLE,
    freezing_index_3m       DOUBLE,
    freeze_thaw_days_3m     INTEGER,
    precip_mm_3m            DOUBLE,
    t_drop_max_3m           DOUBLE,
    t_mean_6m               DOUBLE,
    t_min_6m                DOUBLE,
    freezing_index_6m       DOUBLE,
    freeze_thaw_days_6m     INTEGER,
    precip_mm_6m            DOUBLE,
    t_drop_max_6m           DOUBLE,
    soil_corrosivity        DOUBLE,
    soil_shrink_swell       DOUBLE,
    pipe_age_years          DOUBLE,
    material                VARCHAR,
    diameter_mm             DOUBLE,
    length_m                DOUBLE,
    log_length              DOUBLE,
    exposure_km             DOUBLE,
    area_km2                DOUBLE,
    month_sin               DOUBLE   NOT NULL,
    month_cos               DOUBLE   NOT NULL,
    label_breaks            INTEGER,                 -- breaks in the next H months; NULL when the window passes the data
    label_any               BOOLEAN,
    PRIMARY KEY (feature_set_id, asset_id, month_start)
);

-- ---------------------------------------------------------------- machine learning

CREATE TABLE model_registry (
    model_id              VARCHAR    NOT NULL PRIMARY KEY,
    name                  VARCHAR    NOT NULL,
    algorithm             VARCHAR    NOT NULL,
    target                VARCHAR    NOT NULL,       -- any_break (probability), break_count (expected count)
    hyper_parameters      VARCHAR    NOT NULL,       -- JSON
    seed                  BIGINT     NOT NULL,
    train_start           DATE       NOT NULL,
    train_end             DATE       NOT NULL,
    cutoff_month          DATE       NOT NULL,
    horizon_months        INTEGER    NOT NULL,
    grain                 VARCHAR    NOT NULL,
    feature_set_id        VARCHAR    NOT NULL,
    feature_set_version   VARCHAR    NOT NULL,
    feature_set_hash      VARCHAR    NOT NULL,
    training_rows         BIGINT     NOT NULL,
    training_positives    BIGINT     NOT NULL,
    training_data_hash    VARCHAR    NOT NULL,
    metrics_json          VARCHAR,
    provenance_json       VARCHAR,                   -- Tribuo provenance, gzip + base64
    artifact_path         VARCHAR,
    artifact_sha256       VARCHAR,
    created_at            TIMESTAMP  NOT NULL,
    breakwater_version    VARCHAR    NOT NULL
);

CREATE TABLE model_metrics (
    model_id     VARCHAR  NOT NULL,
    scorer       VARCHAR  NOT NULL,      -- 'model' or a baseline: random, age, past_breaks
    period       VARCHAR  NOT NULL,      -- a test year ('2014') or 'pooled'
    metric       VARCHAR  NOT NULL,      -- roc_auc, pr_auc, brier, precision_top_10pct, ...
    metric_value DOUBLE,
    PRIMARY KEY (model_id, scorer, period, metric)
);

CREATE TABLE model_feature_importance (
    model_id     VARCHAR  NOT NULL,
    feature      VARCHAR  NOT NULL,
    importance   DOUBLE   NOT NULL,
    importance_rank INTEGER NOT NULL,
    PRIMARY KEY (model_id, feature)
);

CREATE TABLE pipe_break_risk_scores (
    model_id              VARCHAR   NOT NULL,
    asset_id              VARCHAR   NOT NULL,
    score_month           DATE      NOT NULL,
    horizon_months        INTEGER   NOT NULL,
    probability           DOUBLE    NOT NULL,
    expected_breaks       DOUBLE,
    risk_rank             INTEGER   NOT NULL,
    percentile            DOUBLE    NOT NULL,
    risk_class            VARCHAR   NOT NULL,
    risk_per_km           DOUBLE,
    rank_per_km           INTEGER,
    driver_1              VARCHAR,
    driver_1_contribution DOUBLE,
    driver_2              VARCHAR,
    driver_2_contribution DOUBLE,
    driver_3              VARCHAR,
    driver_3_contribution DOUBLE,
    scored_at             TIMESTAMP NOT NULL,
    PRIMARY KEY (model_id, asset_id, score_month)
);
