-- Breakwater schema, version 11 (features-core): the declared extra attributes (record_attributes, V10) that a feature
-- set names, as piecewise-constant values per asset. Additive only, portable subset (DuckDB and SQLite/libSQL).
-- pipe_features_monthly keeps its fixed columns; a model reads these rows beside it (docs/features.md).

-- One row per feature set, asset, attribute feature and month from which a value holds: the value holds from
-- from_month until the asset's next row of the same feature (or the panel's end). No row: the value is unknown.
-- Static attributes (of the pipe, area or soil zone) have one row at the panel's first month; attributes of breaks
-- have a row at the month after each month with a valued break, so a month sees only the breaks before it.
CREATE TABLE feature_attribute_values (
    feature_set_id  VARCHAR  NOT NULL,
    asset_id        VARCHAR  NOT NULL,
    feature         VARCHAR  NOT NULL,   -- kind prefix + attribute name: pipe.lined, area.zone, soil.ph, breaks.soil_code
    from_month      DATE     NOT NULL,   -- first day of the first month the value holds
    value_type      VARCHAR  NOT NULL,   -- number, text, date (as declared in the mapping)
    number_value    DOUBLE,              -- number: the value (breaks: mean over the asset's earlier breaks)
    text_value      VARCHAR,             -- text: the code (breaks: the most frequent earlier code, ties alphabetical)
    date_value      DATE,                -- date: the date (breaks: the latest earlier one); read as years since it
    PRIMARY KEY (feature_set_id, asset_id, feature, from_month)
);
