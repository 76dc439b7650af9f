package io.breakwater.bi;

/** File format of a Power BI export. */
public enum ExportFormat {
    /** Apache Parquet, typed and compressed: what Power BI's Parquet connector reads best. */
    PARQUET("parquet"),
    /** Comma-separated text with a header row, for tools without a Parquet reader. */
    CSV("csv");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
