package io.breakwater.etl;

import java.util.Locale;

/** How accepted rows meet the rows already in the curated table. */
public enum LoadMode {
    /** Insert new natural keys, update changed ones, keep the rest (also rows absent from this file). */
    INCREMENTAL,
    /** Like incremental, then delete this source's rows that the file no longer holds. */
    FULL_REFRESH;

    /** The name stored in {@code ingest_runs.load_mode}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
