package io.breakwater.etl;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one date-like column is written: java.time patterns tried in order (strict: 2019-02-30 does not parse) and an
 * optional zone. A value with an offset ({@code 1979/01/01 00:00:00+00}) keeps the local date and time as written,
 * unless a zone is given: then it is converted to that zone's local time, which moves a UTC-midnight date to the
 * previous day west of Greenwich. Used for break dates ({@code date:}) and for every date-like attribute (install
 * dates, lining dates, extra date attributes). Immutable; validated when made, each error naming its mapping key.
 */
public final class DatePatterns {
    private final List<String> patterns;
    private final List<DateTimeFormatter> formatters;
    private final boolean[] basicIsoDate;
    private final ZoneId zone;

    private DatePatterns(List<String> patterns, List<DateTimeFormatter> formatters, ZoneId zone) {
        this.patterns = List.copyOf(patterns);
        this.formatters = formatters;
        this.basicIsoDate = new boolean[patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            basicIsoDate[i] = patterns.get(i).equals("yyyyMMdd") || patterns.get(i).equals("uuuuMMdd");
        }
        this.zone = zone;
    }

    /** The break date's patterns and zone ({@code date.patterns}, {@code date.zone}); both keys checked. */
    public static DatePatterns ofDate(SourceMapping.File mapping) {
        SourceMapping.DateSpec date = mapping.mapping().date();
        if (date == null || date.column() == null) {
            throw mapping.invalid("date.column", "missing: the column holding the date is required");
        }
        if (date.patterns() == null || date.patterns().isEmpty()) {
            throw mapping.invalid("date.patterns", "missing: at least one java.time pattern such as yyyyMMdd is required");
        }
        return of(mapping, "date", date.patterns(), date.zone());
    }

    /**
     * The patterns and zone at mapping key {@code key} ({@code key.patterns}, {@code key.zone}); {@code patterns} must
     * not be empty.
     */
    public static DatePatterns of(SourceMapping.File mapping, String key, List<String> patterns, String zone) {
        List<DateTimeFormatter> formatters = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            if (p == null || p.isBlank()) {
                throw mapping.invalid(key + ".patterns[" + i + "]", "empty pattern");
            }
            try {
                formatters.add(DateTimeFormatter.ofPattern(strictYears(p), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT));
            } catch (IllegalArgumentException e) {
                throw mapping.invalid(key + ".patterns[" + i + "]", "bad date pattern '" + p + "': " + e.getMessage());
            }
        }
        ZoneId z = null;
        if (zone != null) {
            try {
                z = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw mapping.invalid(key + ".zone", "unknown time zone '" + zone + "'");
            }
        }
        return new DatePatterns(patterns, List.copyOf(formatters), z);
    }

    public List<String> patterns() {
        return patterns;
    }

    /** The strict formatters of {@link #patterns()}, in order. */
    public List<DateTimeFormatter> formatters() {
        return formatters;
    }

    /** The zone given, or {@code null}: local times are then kept as written. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The date and time {@code raw} spells under the first pattern that reads it whole, or {@code null}. A value
     * without a time of day comes back at midnight with nanosecond 1, the mark of "no time".
     */
    public LocalDateTime parse(String raw) {
        for (int i = 0; i < formatters.size(); i++) {
            if (basicIsoDate[i]) {
                LocalDate d = basicDate(raw);
                if (d != null) {
                    return d.atStartOfDay().withNano(1);
                }
                continue;
            }
            try {
                TemporalAccessor t = formatters.get(i).parseBest(raw, ZonedDateTime::from, LocalDateTime::from,
                        LocalDate::from);
                if (t instanceof ZonedDateTime z) {
                    return (zone != null ? z.withZoneSameInstant(zone) : z).toLocalDateTime().withNano(0);
                }
                if (t instanceof LocalDateTime l) {
                    return l.withNano(0);
                }
                return ((LocalDate) t).atStartOfDay().withNano(1);
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        return null;
    }

    /** The date {@code raw} spells, or {@code null}. */
    public LocalDate parseDate(String raw) {
        LocalDateTime t = parse(raw);
        return t == null ? null : t.toLocalDate();
    }

    private static LocalDate basicDate(String s) {
        if (s.length() != 8) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 4, 6, 10),
                    Integer.parseInt(s, 6, 8, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** 'y' (year of era) becomes 'u' (proleptic year) outside quoted text, so that strict resolving works. */
    private static String strictYears(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }
}
