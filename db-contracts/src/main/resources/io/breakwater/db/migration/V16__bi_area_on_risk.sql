-- Breakwater schema, version 16 (bi-core): the risk facts carry the area of their asset, so that an area slicer in
-- Power BI filters risk scores through an active relationship (fct_risk_score.area_key -> dim_area); the ranking
-- dashboard names its assets and areas; the hotspot dashboard holds the expected breaks of the headline model per
-- area, for maps coloured by expected breaks (per km or km2) rather than by a probability that saturates near 1.
-- Additive only, portable subset (DuckDB and SQLite/libSQL).

ALTER TABLE fct_risk_score ADD COLUMN area_key VARCHAR;      -- dim_asset.area_key of the scored asset
ALTER TABLE fct_risk_driver ADD COLUMN area_key VARCHAR;     -- same
ALTER TABLE dash_risk_ranking ADD COLUMN asset_name VARCHAR;  -- the area's name at area grain, else the asset key
ALTER TABLE dash_risk_ranking ADD COLUMN area_name VARCHAR;
ALTER TABLE dash_hotspots ADD COLUMN expected_breaks DOUBLE;  -- sum of the latest expected breaks of the area's assets
