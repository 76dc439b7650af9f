-- Breakwater schema, version 10 (etl-core): what a source mapping's row filter kept out, and the extra attributes a
-- mapping declares (`extra:`). Additive only, portable subset (DuckDB and SQLite/libSQL).

-- Rows a mapping's `filter:` kept out (counted, never rejected): read = loaded + rejected + filtered.
ALTER TABLE ingest_runs ADD COLUMN rows_filtered BIGINT DEFAULT 0;

-- One row per declared extra attribute of a curated record that has a value. The value sits in the column of the
-- attribute's declared type (text codes after their code table, numbers, dates); the others are NULL.
CREATE TABLE record_attributes (
    record_kind    VARCHAR  NOT NULL,   -- breaks, pipes, areas, soil
    record_id      VARCHAR  NOT NULL,   -- pipe_breaks_clean.break_id, pipes.pipe_id, areas.area_id, soil_zones.zone_id
    name           VARCHAR  NOT NULL,   -- the attribute's name in the mapping (lined, criticality, soil_code, ...)
    value_type     VARCHAR  NOT NULL,   -- text, number, date
    text_value     VARCHAR,
    number_value   DOUBLE,
    date_value     DATE,
    source_name    VARCHAR  NOT NULL,   -- the mapping's source
    PRIMARY KEY (record_kind, record_id, name)
);

-- The run fact carries the filtered rows too, so that read = loaded + rejected + filtered holds in BI.
ALTER TABLE fct_ingest_run ADD COLUMN rows_filtered BIGINT DEFAULT 0;
