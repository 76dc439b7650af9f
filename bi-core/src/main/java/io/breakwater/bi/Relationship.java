package io.breakwater.bi;

import java.util.List;

/**
 * A relationship of the star schema as Power BI draws it: many rows of {@code fromTable} to one row of
 * {@code toTable}.
 *
 * @param fromTable  the many side (a fact, or a dimension pointing at another)
 * @param fromColumn its key column
 * @param toTable    the one side (a dimension)
 * @param toColumn   the dimension's key
 * @param active     whether Power BI should make it active; inactive ones avoid ambiguous filter paths and are
 *                   used through {@code USERELATIONSHIP} in DAX
 */
public record Relationship(String fromTable, String fromColumn, String toTable, String toColumn, boolean active) {

    /**
     * Every relationship of the star schema. Facts reach {@code dim_area} directly (breaks and risk scores carry the
     * area key), so an area slicer filters them through active relationships; the asset's own link to its area stays
     * inactive to keep one filter path. {@code fct_ingest_run} and {@code fct_dq_result} keep the day the pipeline
     * ran in {@code date_key} without a relationship: {@code dim_date} covers the data's years, not the run's.
     */
    public static List<Relationship> all() {
        return List.of(
                new Relationship("fct_break", "date_key", "dim_date", "date_key", true),
                new Relationship("fct_break", "area_key", "dim_area", "area_key", true),
                new Relationship("fct_break", "soil_zone_key", "dim_soil_zone", "soil_zone_key", true),
                new Relationship("fct_break", "asset_key", "dim_asset", "asset_key", true),
                new Relationship("fct_climate_monthly", "month_key", "dim_date", "date_key", true),
                new Relationship("fct_risk_score", "score_month_key", "dim_date", "date_key", true),
                new Relationship("fct_risk_score", "asset_key", "dim_asset", "asset_key", true),
                new Relationship("fct_risk_score", "model_key", "dim_model", "model_key", true),
                new Relationship("fct_risk_score", "area_key", "dim_area", "area_key", true),
                new Relationship("fct_risk_driver", "model_key", "dim_model", "model_key", true),
                new Relationship("fct_risk_driver", "asset_key", "dim_asset", "asset_key", true),
                new Relationship("fct_risk_driver", "area_key", "dim_area", "area_key", true),
                new Relationship("fct_model_metric", "model_key", "dim_model", "model_key", true),
                new Relationship("fct_model_feature", "model_key", "dim_model", "model_key", true),
                new Relationship("fct_model_calibration", "model_key", "dim_model", "model_key", true),
                new Relationship("fct_dq_result", "run_id", "fct_ingest_run", "run_id", false),
                new Relationship("fct_break_forecast", "month_key", "dim_date", "date_key", true),
                new Relationship("fct_break_forecast", "area_key", "dim_area", "area_key", true),
                new Relationship("fct_break_anomaly", "month_key", "dim_date", "date_key", true),
                new Relationship("fct_break_anomaly", "area_key", "dim_area", "area_key", true),
                new Relationship("fct_backtest_score", "test_year_key", "dim_date", "date_key", true),
                new Relationship("fct_backtest_score", "asset_key", "dim_asset", "asset_key", true),
                new Relationship("fct_backtest_score", "model_key", "dim_model", "model_key", true),
                new Relationship("fct_backtest_score", "area_key", "dim_area", "area_key", true),
                new Relationship("fct_pipe_forecast", "month_key", "dim_date", "date_key", true),
                new Relationship("fct_pipe_forecast", "asset_key", "dim_asset", "asset_key", true),
                new Relationship("fct_pipe_forecast", "area_key", "dim_area", "area_key", true),
                new Relationship("dim_asset", "area_key", "dim_area", "area_key", false),
                new Relationship("dim_asset", "soil_zone_key", "dim_soil_zone", "soil_zone_key", false));
    }
}
