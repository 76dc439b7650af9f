package io.breakwater.bi;

import io.breakwater.db.Words;

/** File format of a Power BI export. */
public enum ExportFormat {
    /** Apache Parquet, typed and compressed: what Power BI's Parquet connector reads best. */
    PARQUET,
    /** Comma-separated text with a header row, for tools without a Parquet reader. */
    CSV;

    /** The files' extension, without the dot: {@code parquet} or {@code csv}. */
    public String extension() {
        return Words.of(this);
    }
}
