package io.breakwater.pipeline;

import io.breakwater.db.Words;

/** The stages of a pipeline run, in order. Each is idempotent: re-running it on the same inputs changes nothing. */
public enum Stage {
    /** Raw files to curated tables: areas, soil zones, pipes, climate, breaks, then break-to-pipe and soil overlays. */
    INGEST,
    /** The monthly asset panel ({@code pipe_features_monthly}). */
    FEATURES,
    /** Rolling temporal evaluation against baselines, then the final model(s) on all labelled history. */
    MODEL,
    /** Risk scores of the final model(s) for the scoring month. */
    SCORE,
    /** Monthly break forecasts with intervals under weather scenarios, their back-test, anomalous months. */
    FORECAST,
    /** Star schema refresh, Power BI export and the HTML report. */
    BI;

    public String id() {
        return Words.of(this);
    }

    /** Parses a stage name as written on a command line ({@code ingest}, {@code features}, ...). */
    public static Stage parse(String text) {
        return Words.parse(Stage.class, Stage::id, text, "stage");
    }
}
