-- Breakwater schema, version 3: soil attributes overlaid onto areas (area-weighted), and the provenance of the
-- break-to-pipe link. Additive only, portable subset (DuckDB and SQLite/libSQL).

-- Area-weighted soil attributes of each area (SoilOverlay). soil_coverage is the share of the area's surface that
-- lies inside some soil zone (0..1); the indices are weighted by the overlapping surface of each zone.
ALTER TABLE areas ADD COLUMN soil_zone_id VARCHAR;              -- the zone covering the largest part of the area
ALTER TABLE areas ADD COLUMN soil_type VARCHAR;                 -- soil type of that zone
ALTER TABLE areas ADD COLUMN soil_corrosivity_index DOUBLE;     -- area-weighted, 0..1
ALTER TABLE areas ADD COLUMN soil_shrink_swell_index DOUBLE;    -- area-weighted, 0..1
ALTER TABLE areas ADD COLUMN soil_coverage DOUBLE;              -- 0..1

-- The run of the last break-to-pipe matching step that wrote pipe_id / pipe_match_method on a break.
ALTER TABLE pipe_breaks_clean ADD COLUMN pipe_match_run_id BIGINT;
