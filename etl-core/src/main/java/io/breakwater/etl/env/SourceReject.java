package io.breakwater.etl.env;

/**
 * A source row that was not loaded, with where it came from and why.
 *
 * @param file      the source file
 * @param line      physical line in the file (1-based)
 * @param column    the column at fault, or {@code null}
 * @param rawValue  the offending value, or {@code null}
 * @param rawRecord the whole row as read
 * @param rule      a short rule name (e.g. {@code date_format}, {@code number}, {@code column_count})
 * @param message   one line for people
 */
public record SourceReject(String file, long line, String column, String rawValue, String rawRecord, String rule,
        String message) {
}
