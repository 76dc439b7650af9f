package io.breakwater.etl;

/**
 * A rejected record, as stored in {@code rejected_rows}.
 *
 * @param line       line number (CSV) or feature ordinal (GeoJSON)
 * @param column     the column at fault, or {@code null}
 * @param rawValue   the value at fault, or {@code null}
 * @param rawRecord  the whole record as read
 * @param rule       the check that rejected it (a check name)
 * @param message    one line for people: what was found and what was expected
 */
public record Reject(long line, String column, String rawValue, String rawRecord, String rule, String message) {
}
