package io.breakwater.etl.breaks;

import io.breakwater.etl.SourceRecord;
import java.math.BigDecimal;

/**
 * The natural key of a break record: its id columns' values joined by {@code |}, each with backslash, {@code |} and
 * {@code #} escaped by a backslash, numbers normalised in id columns that are coordinates, other ids kept as text.
 * One instance per run reuses its buffer: not thread-safe.
 */
final class NaturalKey {
    private final int[] columns;
    private final boolean[] normalised;
    private final StringBuilder sb = new StringBuilder(256);

    NaturalKey(BreakMapping.Columns columns) {
        this.columns = columns.id();
        this.normalised = columns.idIsCoordinate();
    }

    /** The key of {@code r}, or {@code null} when one of its id columns is empty. */
    String of(SourceRecord r) {
        sb.setLength(0);
        for (int i = 0; i < columns.length; i++) {
            String value = r.trimmed(columns[i]);
            if (value == null) {
                return null;
            }
            if (i > 0) {
                sb.append('|');
            }
            appendKeyPart(sb, normalised[i] ? normaliseKeyPart(value) : value);
        }
        return sb.toString();
    }

    /**
     * One part of a natural key, with backslash, {@code |} and {@code #} escaped by a backslash: the parts are
     * joined by {@code |} and a repeated key takes {@code #2}, {@code #3}..., so that no two different keys (or a key
     * and a repeat) can read the same.
     */
    static void appendKeyPart(StringBuilder key, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' || c == '|' || c == '#') {
                key.append('\\');
            }
            key.append(c);
        }
    }

    /** Numbers in a canonical plain form ("3.15e+005" and "315000.0" are both "315000"), other text as is. */
    static String normaliseKeyPart(String value) {
        char c = value.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            if (isCanonicalNumber(value)) {
                return value;
            }
            try {
                BigDecimal number = new BigDecimal(value).stripTrailingZeros();
                // "9e999999999" would spell out a billion digits: such a value is no coordinate, keep its text
                return Math.abs(number.scale()) > 64 ? value : number.toPlainString();
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** Digits, at most one '.', no leading zero (unless "0" or "0."), no trailing zero after the point. */
    private static boolean isCanonicalNumber(String v) {
        int n = v.length();
        int start = v.charAt(0) == '-' ? 1 : 0;
        if (start >= n) {
            return false;
        }
        int dot = -1;
        for (int i = start; i < n; i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (dot >= 0) {
                    return false;
                }
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (dot == start || dot == n - 1) {
            return false;
        }
        if (v.charAt(start) == '0' && n - start > 1 && dot != start + 1) {
            return false;
        }
        if (dot >= 0 && v.charAt(n - 1) == '0') {
            return false;
        }
        return !(v.equals("-0") || (dot < 0 && start == 1 && v.charAt(1) == '0'));
    }
}
