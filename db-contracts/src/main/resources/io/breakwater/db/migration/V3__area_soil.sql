-- Breakwater schema, version 3: soil attributes overlaid onto areas (area-weighted). Additive only, portable subset
-- (DuckDB and SQLite/libSQL). A table of its own rather than new columns on areas: the area ingest stages rows in
-- the field order of areas, and the overlay is a derived step that runs after it (SoilOverlay).

CREATE TABLE area_soil (
    area_id                 VARCHAR  NOT NULL PRIMARY KEY,
    soil_zone_id            VARCHAR,         -- the zone covering the largest part of the area
    soil_type               VARCHAR,         -- soil type of that zone
    soil_corrosivity_index  DOUBLE,          -- weighted by the overlapping surface of each zone, 0..1
    soil_shrink_swell_index DOUBLE,          -- weighted by the overlapping surface of each zone, 0..1
    soil_coverage           DOUBLE,          -- share of the area's surface inside some soil zone, 0..1
    zones_overlapping       INTEGER  NOT NULL,
    run_id                  BIGINT   NOT NULL -- the soil_overlay run (ingest_runs) that computed the row
);
