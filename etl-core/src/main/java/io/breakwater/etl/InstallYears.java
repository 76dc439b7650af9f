package io.breakwater.etl;

import io.breakwater.etl.internal.Numbers;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How a source writes install years ({@code attributes.installYear}): with {@code patterns} (and an optional
 * {@code zone}) the column holds dates such as {@code 1979/01/01 00:00:00+00} and the year is taken from the date
 * read; without, a whole year ({@code 1979}, {@code 1979.0}) or an ISO date ({@code 1979-01-01...}). Used by every
 * source kind that has install years, so that they read alike.
 */
public final class InstallYears {
    private static final String KEY = "attributes.installYear";
    private final DatePatterns dates;

    private InstallYears(DatePatterns dates) {
        this.dates = dates;
    }

    /** The install-year reading of {@code mapping}, its patterns checked by their key. */
    public static InstallYears of(SourceMapping.File mapping) {
        Map<String, SourceMapping.ColumnSpec> attributes = mapping.mapping().attributes();
        SourceMapping.ColumnSpec spec = attributes == null ? null : attributes.get("installYear");
        if (spec == null || spec.patterns() == null) {
            if (spec != null && spec.zone() != null) {
                throw mapping.invalid(KEY + ".zone", "a zone needs patterns: the dates' java.time patterns");
            }
            return new InstallYears(null);
        }
        if (spec.patterns().isEmpty()) {
            throw mapping.invalid(KEY + ".patterns", "expected at least one java.time pattern such as yyyy-MM-dd");
        }
        return new InstallYears(DatePatterns.of(mapping, KEY, spec.patterns(), spec.zone()));
    }

    /** The year {@code text} holds, or {@code null} when it holds none in the declared form. */
    public Integer year(String text) {
        if (dates != null) {
            LocalDate d = dates.parseDate(text);
            return d == null ? null : d.getYear();
        }
        double number = Numbers.decimal(text);
        if (!Double.isNaN(number)) {
            return number == Math.rint(number) && Math.abs(number) < 100_000 ? (int) number : null;
        }
        if (text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            try {
                return LocalDate.parse(text.substring(0, 10)).getYear();
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** For a check's description: the patterns, when declared. */
    public String describe() {
        return dates == null ? " (a year or yyyy-MM-dd; set attributes.installYear.patterns for other date forms)"
                : " (patterns " + dates.patterns() + ")";
    }
}
