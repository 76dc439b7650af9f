package io.breakwater.etl.climate.internal;

import io.breakwater.etl.RecordSource;
import io.breakwater.etl.DatePatterns;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.climate.ClimateFormat;
import io.breakwater.etl.climate.ClimateMonth;
import io.breakwater.etl.climate.internal.ClimateUnits.Unit;
import io.breakwater.etl.climate.ClimateReading;
import io.breakwater.etl.climate.CompletenessRule;
import io.breakwater.etl.climate.DailyFlag;
import io.breakwater.etl.climate.DailyObservation;
import io.breakwater.etl.env.SourceReject;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A daily or monthly climate CSV of any shape, described entirely by its source mapping ({@code format.type}
 * {@code csv-daily} or {@code csv-monthly}): the station (a constant {@code station} or the column {@code id.columns[0]}),
 * the date ({@code date.column} with {@code date.patterns}, or {@code year.column} with {@code attributes.month} and,
 * for daily files, {@code attributes.day}), the value columns {@code tMax, tMin, tMean, precip, snow} with their
 * units, an optional flag column per value ({@code tMaxFlag}, ...) whose {@code codes} say which flags mean missing,
 * trace, estimated, accumulated, failed_qc or other, and for monthly files optional counts of missing days
 * ({@code tempMissingDays}, {@code precipMissingDays}) and {@code frostDays}. {@link #compile} refuses a mapping that
 * cannot work, naming the key, before any row is read; {@link #parse} rejects bad rows with file, line, column, value
 * and reason.
 */
public final class MappedClimateCsv {

    /** The value attributes, in the order of {@link DailyObservation}'s values. */
    private enum Element {
        T_MAX("tMax", true), T_MIN("tMin", true), T_MEAN("tMean", true), PRECIP("precip", false), SNOW("snow", false);

        final String key;
        final boolean temperature;

        Element(String key, boolean temperature) {
            this.key = key;
            this.temperature = temperature;
        }
    }

    /** What a code in a flag (or value) column means. */
    private enum Code {
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
    private record ValueColumn(Element element, String column, Unit unit, Map<String, Code> valueCodes,
            String flagColumn, Map<String, Code> flagCodes) {
    }

    private final SourceMapping.File mappingFile;
    private final boolean monthly;
    private final SourceMapping.Format csv;
    private final String station;
    private final String stationColumn;
    private final String dateColumn;
    private final List<DateTimeFormatter> datePatterns;
    private final String yearColumn;
    private final String monthColumn;
    private final String dayColumn;
    private final List<ValueColumn> values;
    private final String tempMissingColumn;
    private final String precipMissingColumn;
    private final String frostDaysColumn;

    private MappedClimateCsv(SourceMapping.File mappingFile, boolean monthly) {
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

    /**
     * Checks a {@code csv-daily} or {@code csv-monthly} mapping before any row is read; every problem names its key.
     */
    public static MappedClimateCsv compile(SourceMapping.File mappingFile, ClimateFormat format) {
        if (format != ClimateFormat.CSV_DAILY && format != ClimateFormat.CSV_MONTHLY) {
            throw new IllegalArgumentException("not a mapped climate format: " + format);
        }
        return new MappedClimateCsv(mappingFile, format == ClimateFormat.CSV_MONTHLY);
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

    /** Column indexes of one file, resolved from its header (a missing column is refused with its mapping key). */
    private final class Columns {
        final int station;
        final int date;
        final int year;
        final int month;
        final int day;
        final int[] value;
        final int[] flag;
        final int tempMissing;
        final int precipMissing;
        final int frostDays;

        Columns(RecordSource in) {
            station = MappedClimateCsv.this.station != null ? -1 : in.requireColumn(stationColumn, "id.columns[0]");
            date = in.optionalColumn(dateColumn, "date.column");
            year = in.optionalColumn(yearColumn, "year.column");
            month = in.optionalColumn(monthColumn, "attributes.month.column");
            day = in.optionalColumn(dayColumn, "attributes.day.column");
            value = new int[values.size()];
            flag = new int[values.size()];
            for (int i = 0; i < values.size(); i++) {
                ValueColumn v = values.get(i);
                value[i] = in.requireColumn(v.column(), "attributes." + v.element().key + ".column");
                flag[i] = in.optionalColumn(v.flagColumn(), "attributes." + v.element().key + "Flag.column");
            }
            tempMissing = in.optionalColumn(tempMissingColumn, "attributes.tempMissingDays.column");
            precipMissing = in.optionalColumn(precipMissingColumn, "attributes.precipMissingDays.column");
            frostDays = in.optionalColumn(frostDaysColumn, "attributes.frostDays.column");
        }
    }

    /** A row that cannot be read: carried out of the value loop to become a reject. */
    private static final class BadRow extends Exception {
        final transient SourceReject reject;

        BadRow(SourceReject reject) {
            super(reject.message(), null, false, false);
            this.reject = reject;
        }
    }

    /** Reads {@code file}: daily observations ({@code csv-daily}) or monthly summaries ({@code csv-monthly}). */
    public ClimateReading parse(Path file, CompletenessRule rule, LocalDate today) {
        List<DailyObservation> days = new ArrayList<>();
        List<ClimateMonth> months = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        String firstStation = station;
        Set<String> seen = new java.util.HashSet<>();
        long read = 0;
        try (RecordSource in = RecordSource.open(file, csv)) {
            Columns cols = new Columns(in);
            List<String> header = in.header();
            for (SourceRecord r; (r = in.next()) != null;) {
                read++;
                if (r.size() != header.size()) {
                    rejects.add(new SourceReject(file.toString(), r.line(), null, null, r.raw(), "column_count",
                            file + ": line " + r.line() + ": " + r.size() + " columns, expected " + header.size()));
                    continue;
                }
                try {
                    int undecodable = r.firstUndecodableField();
                    if (undecodable >= 0) {
                        throw bad(file, r, header, undecodable, "encoding_valid", r.get(undecodable),
                                "holds bytes that are not valid " + encoding());
                    }
                    String id = station != null ? station : r.trimmed(cols.station);
                    if (id == null) {
                        throw bad(file, r, header, cols.station, "not_null", "is empty, expected a station id");
                    }
                    firstStation = firstStation == null ? id : firstStation;
                    Double[] v = new Double[Element.values().length];
                    Set<DailyFlag> flags = EnumSet.noneOf(DailyFlag.class);
                    if (monthly) {
                        YearMonth month = month(file, r, header, cols);
                        readValues(file, r, header, cols, v, flags);
                        ClimateMonth summary = summary(file, r, header, cols, id, month, v, rule);
                        String problem = io.breakwater.etl.climate.ClimateRanges.monthProblem(summary, today);
                        if (problem != null) {
                            throw new BadRow(new SourceReject(file.toString(), r.line(), null, month.toString(),
                                    r.raw(), "value_range", file + ": line " + r.line() + ": " + problem));
                        }
                        once(file, r, header, cols, seen, id, month.toString());
                        months.add(summary);
                    } else {
                        LocalDate date = day(file, r, header, cols);
                        readValues(file, r, header, cols, v, flags);
                        once(file, r, header, cols, seen, id, date.toString());
                        days.add(new DailyObservation(id, date, v[0], v[1], v[2], v[3], v[4] == null ? null
                                : MonthlyRound.tenth(v[4] / 10), flags, r.line()));
                    }
                } catch (BadRow e) {
                    rejects.add(e.reject);
                }
            }
        }
        ClimateFormat format = monthly ? ClimateFormat.CSV_MONTHLY : ClimateFormat.CSV_DAILY;
        return new ClimateReading(file.toString(), format, firstStation, read, days, GsomParser.withChanges(months),
                rejects);
    }

    /**
     * Refuses a second row for the same station and day (or month): usually several stations in a file mapped to one
     * constant station, which must not pass silently.
     */
    private void once(Path file, SourceRecord r, List<String> header, Columns cols, Set<String> seen, String id,
            String when) throws BadRow {
        if (!seen.add(id + "|" + when)) {
            int col = cols.date >= 0 ? cols.date : monthly ? cols.month : cols.day;
            throw bad(file, r, header, col, "duplicate", when, "repeats an earlier row of station " + id + " for "
                    + when + "; expected one row per station and " + (monthly ? "month" : "day"));
        }
    }

    private String encoding() {
        return csv.encoding() == null ? "UTF-8" : csv.encoding();
    }

    private LocalDate day(Path file, SourceRecord r, List<String> header, Columns cols) throws BadRow {
        if (cols.date >= 0) {
            TemporalAccessor t = parseDate(file, r, header, cols.date);
            return LocalDate.from(t);
        }
        int y = whole(file, r, header, cols.year, "a year");
        int m = whole(file, r, header, cols.month, "a month 1..12");
        int d = whole(file, r, header, cols.day, "a day of the month");
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            String text = r.trimmed(cols.year) + "-" + r.trimmed(cols.month) + "-" + r.trimmed(cols.day);
            throw bad(file, r, header, cols.day, "date_format", text, "is not a date: " + e.getMessage());
        }
    }

    private YearMonth month(Path file, SourceRecord r, List<String> header, Columns cols) throws BadRow {
        if (cols.date >= 0) {
            return YearMonth.from(parseDate(file, r, header, cols.date));
        }
        int y = whole(file, r, header, cols.year, "a year");
        int m = whole(file, r, header, cols.month, "a month 1..12");
        try {
            return YearMonth.of(y, m);
        } catch (DateTimeException e) {
            throw bad(file, r, header, cols.month, "date_format", r.trimmed(cols.month), "is not a month 1..12");
        }
    }

    private TemporalAccessor parseDate(Path file, SourceRecord r, List<String> header, int col) throws BadRow {
        String text = r.trimmed(col);
        if (text != null) {
            for (DateTimeFormatter f : datePatterns) {
                try {
                    return f.parse(text);
                } catch (DateTimeParseException e) {
                    // try the next pattern
                }
            }
        }
        throw bad(file, r, header, col, "date_format", text == null ? "" : text, "is not a date matching "
                + mappingFile.mapping().date().patterns());
    }

    private int whole(Path file, SourceRecord r, List<String> header, int col, String expected) throws BadRow {
        String text = r.trimmed(col);
        try {
            if (text == null) {
                throw new NumberFormatException();
            }
            double d = io.breakwater.etl.internal.Numbers.decimal(text);
            if (d != Math.rint(d) || Math.abs(d) > 1e6) {
                throw new NumberFormatException();
            }
            return (int) d;
        } catch (NumberFormatException e) {
            throw bad(file, r, header, col, "date_format", text == null ? "" : text, "is not " + expected);
        }
    }

    /** Reads each mapped value into {@code v} (degC, mm; snow in mm until the caller makes it cm) with its flags. */
    private void readValues(Path file, SourceRecord r, List<String> header, Columns cols, Double[] v,
            Set<DailyFlag> flags) throws BadRow {
        for (int i = 0; i < values.size(); i++) {
            ValueColumn c = values.get(i);
            String raw = r.trimmed(cols.value[i]);
            Double value;
            Code valueCode = raw == null ? null : c.valueCodes().get(raw);
            if (valueCode != null) {
                value = null;
                flags.add(valueCode.flag);
            } else {
                Double number;
                try {
                    number = Values.number(raw);
                } catch (NumberFormatException e) {
                    throw bad(file, r, header, cols.value[i], "number", raw, "is not a number (" + c.unit().name()
                            + ")" + (c.valueCodes().isEmpty() ? "" : " nor one of the codes " + c.valueCodes().keySet()));
                }
                value = number == null ? null : MonthlyRound.tenth(c.unit().toCanonical().applyAsDouble(number));
            }
            if (value != null) {
                String problem = c.element().temperature ? (value < -90 || value > 60 ? "is " + value
                        + " degC, outside -90..60 degC (is the unit right?)" : null)
                        : value < 0 ? "is negative" : null;
                if (problem != null) {
                    throw bad(file, r, header, cols.value[i], "value_range", raw, problem);
                }
            }
            String flagText = cols.flag[i] < 0 ? null : r.trimmed(cols.flag[i]);
            Code flag = flagText == null ? null : c.flagCodes().getOrDefault(flagText, Code.OTHER);
            if (flag != null) {
                flags.add(flag.flag);
                if (flag == Code.MISSING || flag == Code.FAILED_QC) {
                    value = null;
                }
            }
            if (valueCode == Code.TRACE || flag == Code.TRACE) {
                value = value == null ? 0.0 : value;
            }
            v[c.element().ordinal()] = value;
        }
    }

    private ClimateMonth summary(Path file, SourceRecord r, List<String> header, Columns cols, String id,
            YearMonth month, Double[] v, CompletenessRule rule) throws BadRow {
        int length = month.lengthOfMonth();
        int tempMissing = cols.tempMissing < 0 ? 0 : days(file, r, header, cols.tempMissing, length);
        int precipMissing = cols.precipMissing < 0 ? 0 : days(file, r, header, cols.precipMissing, length);
        Integer frost = cols.frostDays < 0 || r.trimmed(cols.frostDays) == null ? null
                : days(file, r, header, cols.frostDays, length);
        Double snowCm = v[4] == null ? null : MonthlyRound.tenth(v[4] / 10);
        return GsomParser.month(id, month, v[2], v[1], v[0], v[3], snowCm, frost, tempMissing, precipMissing, rule);
    }

    private int days(Path file, SourceRecord r, List<String> header, int col, int length) throws BadRow {
        String text = r.trimmed(col);
        if (text == null) {
            return 0;
        }
        double d = io.breakwater.etl.internal.Numbers.decimal(text);
        if (d == Math.rint(d) && d >= 0 && d <= length) {
            return (int) d;
        }
        throw bad(file, r, header, col, "number", text, "is not a count of days 0.." + length);
    }

    private BadRow bad(Path file, SourceRecord r, List<String> header, int col, String rule, String expected) {
        return bad(file, r, header, col, rule, "", expected);
    }

    private static BadRow bad(Path file, SourceRecord r, List<String> header, int col, String rule, String value,
            String expected) {
        String name = header.get(col);
        return new BadRow(new SourceReject(file.toString(), r.line(), name, value, r.raw(), rule, file + ": line "
                + r.line() + ", column " + (col + 1) + " (" + name + "): '" + value + "' " + expected));
    }
}
