-- Breakwater schema, version 4: what the feature panel build (features-core) needs beyond V1.
-- Additive only, portable subset (DuckDB and SQLite/libSQL). Column meanings: docs/features.md.

-- A build's provenance beyond V1's columns.
ALTER TABLE feature_sets ADD COLUMN climate_series_id VARCHAR;          -- the climate_monthly series read, NULL when none
ALTER TABLE feature_sets ADD COLUMN neighbour_distance_m DOUBLE;        -- pipe grain: neighbours within this distance
ALTER TABLE feature_sets ADD COLUMN breaks_in_panel BIGINT;             -- breaks counted in the panel
ALTER TABLE feature_sets ADD COLUMN breaks_unassigned BIGINT;           -- breaks in the panel's months with no asset
ALTER TABLE feature_sets ADD COLUMN breaks_before_install BIGINT;       -- pipe grain: breaks dated before their pipe's install year
ALTER TABLE feature_sets ADD COLUMN build_millis BIGINT;
ALTER TABLE feature_sets ADD COLUMN breakwater_version VARCHAR;

-- Static attributes of each asset, computed once per build.
ALTER TABLE feature_assets ADD COLUMN exposure_km DOUBLE;               -- km of pipe (pipe: its length; area/cell: pipes inside)
ALTER TABLE feature_assets ADD COLUMN log_length DOUBLE;                -- ln(length_m) for a pipe, ln(1000 * exposure_km) otherwise
ALTER TABLE feature_assets ADD COLUMN breaks_before_install INTEGER;    -- pipe grain: flagged breaks (dated before install year)
ALTER TABLE feature_assets ADD COLUMN asset_index INTEGER;              -- 0..n-1 within the build (the window partition key)

-- Panel columns beyond V1.
ALTER TABLE pipe_features_monthly ADD COLUMN month_index INTEGER;       -- 0 for the panel's first month, +1 a month
ALTER TABLE pipe_features_monthly ADD COLUMN before_install BOOLEAN;    -- pipe grain: the month precedes the recorded install year

-- Working tables of a build, keyed by feature set and emptied when the build commits. No primary keys: they are
-- written once per build by INSERT ... SELECT and dropped row-wise, and an index would only slow both down.
CREATE TABLE feature_build_months (
    feature_set_id  VARCHAR  NOT NULL,
    month_index     INTEGER  NOT NULL,   -- negative for the months before the panel that climate windows read
    month_start     DATE     NOT NULL,
    year            INTEGER  NOT NULL,
    month_of_year   INTEGER  NOT NULL,
    month_sin       DOUBLE   NOT NULL,
    month_cos       DOUBLE   NOT NULL
);

CREATE TABLE feature_build_breaks (
    feature_set_id    VARCHAR  NOT NULL,
    asset_index       INTEGER  NOT NULL,  -- feature_assets.asset_index
    month_index       INTEGER  NOT NULL,
    breaks            INTEGER  NOT NULL,  -- breaks on the asset in the month
    neighbour_breaks  INTEGER  NOT NULL   -- breaks on its neighbours in the month
);

CREATE TABLE feature_build_break_assets (
    feature_set_id  VARCHAR  NOT NULL,
    break_id        VARCHAR  NOT NULL,
    asset_id        VARCHAR  NOT NULL
);

CREATE TABLE feature_build_climate (
    feature_set_id       VARCHAR  NOT NULL,
    month_index          INTEGER  NOT NULL,
    t_mean               DOUBLE,
    t_min                DOUBLE,
    freezing_index       DOUBLE,
    freeze_thaw_days     INTEGER,
    precip_mm            DOUBLE,
    t_mean_change        DOUBLE,
    t_mean_3m            DOUBLE,
    t_min_3m             DOUBLE,
    freezing_index_3m    DOUBLE,
    freeze_thaw_days_3m  INTEGER,
    precip_mm_3m         DOUBLE,
    t_drop_max_3m        DOUBLE,
    t_mean_6m            DOUBLE,
    t_min_6m             DOUBLE,
    freezing_index_6m    DOUBLE,
    freeze_thaw_days_6m  INTEGER,
    precip_mm_6m         DOUBLE,
    t_drop_max_6m        DOUBLE
);
