package io.breakwater.etl.climate.internal;

import io.breakwater.etl.DatePatterns;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.climate.DailyFlag;
import io.breakwater.etl.climate.DailyObservation;
import io.breakwater.etl.climate.internal.ClimateUnits.Unit;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled mapping of a {@link MappedClimateCsv}: which columns hold the station, the date and each value, in
 * which unit, and what each flag code means. Built once per mapping; every problem is refused naming its key.
 */
final class ClimateCsvMapping {

    /** The value attributes, in the order of {@link DailyObservation}'s values. */
    enum Element {
        T_MAX("tMax", true), T_MIN("tMin", true), T_MEAN("tMean", true), PRECIP("precip", false), SNOW("snow", false);

        final String key;
        final boolean temperature;

        Element(String key, boolean temperature) {
            this.key = key;
            this.temperature = temperature;
        }
    }

    /** What a code in a flag (or value) column means. */
    enum Code {
        MISSING(DailyFlag.MISSING_FLAG), TRACE(DailyFlag.TRACE), ESTIMATED(DailyFlag.ESTIMATED),
        ACCUMULATED(DailyFlag.ACCUMULATED), FAILED_QC(DailyFlag.FAILED_QC), OTHER(DailyFlag.OTHER);

        final DailyFlag flag;

        Code(DailyFlag flag) {
            this.flag = flag;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> DAILY_KEYS = keys(false);
    private static final Set<String> MONTHLY_KEYS = keys(true);

    private static Set<String> keys(boolean monthly) {
        Set<String> keys = new TreeSet<>(List.of("month"));
        if (!monthly) {
            keys.add("day");
        }
        for (Element e : Element.values()) {
            keys.add(e.key);
            keys.add(e.key + "Flag");
        }
        if (monthly) {
            keys.addAll(List.of("tempMissingDays", "precipMissingDays", "frostDays"));
        }
        return keys;
    }

    /** One value column: its name, unit, the codes that may stand in the value column, and its flag column. */
    record ValueColumn(Element element, String column, Unit unit, Map<String, Code> valueCodes,
            String flagColumn, Map<String, Code> flagCodes) {
    }

    final SourceMapping.File mappingFile;
    final boolean monthly;
    final SourceMapping.Format csv;
    final String station;
    final String stationColumn;
    final String dateColumn;
    final List<DateTimeFormatter> datePatterns;
    final String yearColumn;
    final String monthColumn;
    final String dayColumn;
    final List<ValueColumn> values;
    final String tempMissingColumn;
    final String precipMissingColumn;
    final String frostDaysColumn;

    ClimateCsvMapping(SourceMapping.File mappingFile, boolean monthly) {
        this.mappingFile = mappingFile;
        this.monthly = monthly;
        SourceMapping m = mappingFile.mapping();
        SourceMapping.Format f = m.format();
        single(f.delimiter(), "format.delimiter");
        single(f.quote(), "format.quote");
        if (f.encoding() != null) {
            try {
                Charset.forName(f.encoding());
            } catch (IllegalArgumentException e) {
                throw mappingFile.invalid("format.encoding", "unknown encoding '" + f.encoding() + "'");
            }
        }
        if (f.skipLines() != null && f.skipLines() < 0) {
            throw mappingFile.invalid("format.skipLines", "expected 0 or more lines, found " + f.skipLines());
        }
        this.csv = new SourceMapping.Format("csv", f.delimiter(), f.quote(), f.encoding(), f.skipLines(), null);

        List<String> idColumns = m.id() == null || m.id().columns() == null ? List.of() : m.id().columns();
        if (idColumns.size() > 1) {
            throw mappingFile.invalid("id.columns", "expected one column: the station id");
        }
        this.stationColumn = idColumns.isEmpty() ? null : idColumns.get(0);
        this.station = m.station() == null || m.station().isBlank() ? null : m.station().strip();
        if (station == null && stationColumn == null) {
            throw mappingFile.invalid("station", "missing: name the station (station: \"6158350\") or the column "
                    + "holding it (id: { columns: [STATION] })");
        }

        Map<String, SourceMapping.ColumnSpec> attrs = m.attributes() == null ? Map.of() : m.attributes();
        Set<String> allowed = monthly ? MONTHLY_KEYS : DAILY_KEYS;
        for (var e : attrs.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw mappingFile.invalid("attributes." + e.getKey(), "unknown attribute for " + formatName()
                        + "; expected one of " + allowed);
            }
            if (e.getValue() == null || e.getValue().column() == null || e.getValue().column().isBlank()) {
                throw mappingFile.invalid("attributes." + e.getKey() + ".column", "missing column name");
            }
        }

        // the date: one column with patterns, or year, month (and day) columns
        boolean byParts = m.year() != null || attrs.containsKey("month") || attrs.containsKey("day");
        if (m.date() != null && byParts) {
            throw mappingFile.invalid("date", "give either date (a column with patterns) or year and month"
                    + (monthly ? "" : " and day") + " columns, not both");
        }
        if (m.date() != null) {
            this.dateColumn = m.date().column();
            this.datePatterns = DatePatterns.ofDate(mappingFile).formatters();
            for (int i = 0; i < datePatterns.size(); i++) {
                requireDateFields(datePatterns.get(i), "date.patterns[" + i + "]", m.date().patterns().get(i));
            }
            this.yearColumn = null;
            this.monthColumn = null;
            this.dayColumn = null;
        } else {
            this.dateColumn = null;
            this.datePatterns = List.of();
            if (m.year() == null || m.year().column() == null) {
                throw mappingFile.invalid("date", "missing: a date column with patterns (date: { column: DATE, "
                        + "patterns: [" + (monthly ? "yyyy-MM" : "yyyy-MM-dd") + "] }) or year and month"
                        + (monthly ? "" : " and day") + " columns (year: { column: YEAR }, attributes.month, ...)");
            }
            this.yearColumn = m.year().column();
            if (!attrs.containsKey("month")) {
                throw mappingFile.invalid("attributes.month", "missing: the month column that goes with year.column");
            }
            this.monthColumn = attrs.get("month").column();
            if (!monthly && !attrs.containsKey("day")) {
                throw mappingFile.invalid("attributes.day", "missing: the day column that goes with year.column");
            }
            this.dayColumn = monthly ? null : attrs.get("day").column();
        }

        List<ValueColumn> vs = new ArrayList<>();
        for (Element e : Element.values()) {
            SourceMapping.ColumnSpec spec = attrs.get(e.key);
            SourceMapping.ColumnSpec flag = attrs.get(e.key + "Flag");
            if (spec == null) {
                if (flag != null) {
                    throw mappingFile.invalid("attributes." + e.key + "Flag", "a flag column for " + e.key
                            + ", which the mapping does not map");
                }
                continue;
            }
            Unit unit = unit(e, spec.unit(), "attributes." + e.key + ".unit");
            Map<String, Code> valueCodes = codes(spec.codes(), "attributes." + e.key + ".codes");
            valueCodes.forEach((raw, code) -> {
                if (code != Code.MISSING && code != Code.TRACE) {
                    throw mappingFile.invalid("attributes." + e.key + ".codes." + raw, "a value column's codes may "
                            + "only mean missing or trace (other flags belong in " + e.key + "Flag), found '"
                            + code.label() + "'");
                }
            });
            if (flag != null && (flag.codes() == null || flag.codes().isEmpty())) {
                throw mappingFile.invalid("attributes." + e.key + "Flag.codes", "missing: the codes of the flag "
                        + "column and what each means (missing, trace, estimated, accumulated, failed_qc, other)");
            }
            if (flag != null && flag.unit() != null) {
                throw mappingFile.invalid("attributes." + e.key + "Flag.unit", "a flag column has no unit");
            }
            vs.add(new ValueColumn(e, spec.column(), unit, valueCodes, flag == null ? null : flag.column(),
                    flag == null ? Map.of() : codes(flag.codes(), "attributes." + e.key + "Flag.codes")));
        }
        if (vs.isEmpty()) {
            throw mappingFile.invalid("attributes", "missing: map at least one of tMax, tMin, tMean, precip, snow");
        }
        this.values = List.copyOf(vs);
        this.tempMissingColumn = column(attrs, "tempMissingDays");
        this.precipMissingColumn = column(attrs, "precipMissingDays");
        this.frostDaysColumn = column(attrs, "frostDays");
    }

    private String formatName() {
        return monthly ? "csv-monthly" : "csv-daily";
    }

    private void single(String value, String key) {
        if (value != null && value.length() != 1) {
            throw mappingFile.invalid(key, "expected one character, found '" + value + "'");
        }
    }

    private void requireDateFields(DateTimeFormatter formatter, String key, String pattern) {
        // format a known day and parse it back: a pattern without the fields a date needs fails here, not on row 1
        LocalDate probe = LocalDate.of(2001, 2, 3);
        try {
            TemporalAccessor parsed = formatter.parse(formatter.format(probe.atStartOfDay(java.time.ZoneOffset.UTC)));
            if (monthly) {
                YearMonth.from(parsed);
            } else {
                LocalDate.from(parsed);
            }
        } catch (DateTimeException e) {
            throw mappingFile.invalid(key, "pattern '" + pattern + "' does not give a " + (monthly ? "month (year and "
                    + "month, e.g. yyyy-MM)" : "day (year, month and day, e.g. yyyy-MM-dd)"));
        }
    }

    private Unit unit(Element e, String text, String key) {
        Unit u = ClimateUnits.of(e.temperature, text == null ? (e.temperature ? "degc" : e == Element.SNOW ? "cm" : "mm")
                : text);
        if (u == null) {
            throw mappingFile.invalid(key, "unknown unit '" + text + "' for " + e.key + "; expected one of "
                    + ClimateUnits.names(e.temperature));
        }
        return u;
    }

    private Map<String, Code> codes(Map<String, String> raw, String key) {
        Map<String, Code> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (var e : raw.entrySet()) {
            String meaning = e.getValue() == null ? "" : e.getValue().strip().toUpperCase(Locale.ROOT);
            Code code;
            try {
                code = Code.valueOf(meaning);
            } catch (IllegalArgumentException ex) {
                throw mappingFile.invalid(key + "." + e.getKey(), "unknown meaning '" + e.getValue()
                        + "'; expected one of missing, trace, estimated, accumulated, failed_qc, other");
            }
            out.put(e.getKey().strip(), code);
        }
        return out;
    }

    private static String column(Map<String, SourceMapping.ColumnSpec> attrs, String key) {
        SourceMapping.ColumnSpec spec = attrs.get(key);
        return spec == null ? null : spec.column();
    }
}
