-- Breakwater schema, version 12 (etl-core, bi-core): the licence or attribution text a source mapping declares
-- (`attribution:`), kept with each ingest run so that the report and the Power BI export credit exactly the sources
-- the store holds, with or without the pipeline. Additive only, portable subset (DuckDB and SQLite/libSQL).

ALTER TABLE ingest_runs ADD COLUMN attribution VARCHAR;
