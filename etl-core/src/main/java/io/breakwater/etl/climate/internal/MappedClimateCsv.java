package io.breakwater.etl.climate.internal;

import io.breakwater.etl.RecordSource;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.climate.ClimateFormat;
import io.breakwater.etl.climate.ClimateMonth;
import io.breakwater.etl.climate.ClimateReading;
import io.breakwater.etl.climate.CompletenessRule;
import io.breakwater.etl.climate.DailyFlag;
import io.breakwater.etl.climate.DailyObservation;
import io.breakwater.etl.climate.internal.ClimateCsvMapping.Code;
import io.breakwater.etl.climate.internal.ClimateCsvMapping.Element;
import io.breakwater.etl.climate.internal.ClimateCsvMapping.ValueColumn;
import io.breakwater.etl.env.SourceReject;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

    private final ClimateCsvMapping map;

    private MappedClimateCsv(ClimateCsvMapping map) {
        this.map = map;
    }

    /**
     * Checks a {@code csv-daily} or {@code csv-monthly} mapping before any row is read; every problem names its key.
     */
    public static MappedClimateCsv compile(SourceMapping.File mappingFile, ClimateFormat format) {
        if (format != ClimateFormat.CSV_DAILY && format != ClimateFormat.CSV_MONTHLY) {
            throw new IllegalArgumentException("not a mapped climate format: " + format);
        }
        return new MappedClimateCsv(new ClimateCsvMapping(mappingFile, format == ClimateFormat.CSV_MONTHLY));
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
            station = map.station != null ? -1 : in.requireColumn(map.stationColumn, "id.columns[0]");
            date = in.optionalColumn(map.dateColumn, "date.column");
            year = in.optionalColumn(map.yearColumn, "year.column");
            month = in.optionalColumn(map.monthColumn, "attributes.month.column");
            day = in.optionalColumn(map.dayColumn, "attributes.day.column");
            value = new int[map.values.size()];
            flag = new int[map.values.size()];
            for (int i = 0; i < map.values.size(); i++) {
                ValueColumn v = map.values.get(i);
                value[i] = in.requireColumn(v.column(), "attributes." + v.element().key + ".column");
                flag[i] = in.optionalColumn(v.flagColumn(), "attributes." + v.element().key + "Flag.column");
            }
            tempMissing = in.optionalColumn(map.tempMissingColumn, "attributes.tempMissingDays.column");
            precipMissing = in.optionalColumn(map.precipMissingColumn, "attributes.precipMissingDays.column");
            frostDays = in.optionalColumn(map.frostDaysColumn, "attributes.frostDays.column");
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

    /** Reads {@code file}: daily observations ({@code csv-daily}) or map.monthly summaries ({@code csv-map.monthly}). */
    public ClimateReading parse(Path file, CompletenessRule rule, LocalDate today) {
        List<DailyObservation> days = new ArrayList<>();
        List<ClimateMonth> months = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        String firstStation = map.station;
        Set<String> seen = new java.util.HashSet<>();
        long read = 0;
        try (RecordSource in = RecordSource.open(file, map.csv)) {
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
                    String id = map.station != null ? map.station : r.trimmed(cols.station);
                    if (id == null) {
                        throw bad(file, r, header, cols.station, "not_null", "is empty, expected a station id");
                    }
                    firstStation = firstStation == null ? id : firstStation;
                    Double[] v = new Double[Element.values().length];
                    Set<DailyFlag> flags = EnumSet.noneOf(DailyFlag.class);
                    if (map.monthly) {
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
        ClimateFormat format = map.monthly ? ClimateFormat.CSV_MONTHLY : ClimateFormat.CSV_DAILY;
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
            int col = cols.date >= 0 ? cols.date : map.monthly ? cols.month : cols.day;
            throw bad(file, r, header, col, "duplicate", when, "repeats an earlier row of station " + id + " for "
                    + when + "; expected one row per station and " + (map.monthly ? "month" : "day"));
        }
    }

    private String encoding() {
        return map.csv.encoding() == null ? "UTF-8" : map.csv.encoding();
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
            for (DateTimeFormatter f : map.datePatterns) {
                try {
                    return f.parse(text);
                } catch (DateTimeParseException e) {
                    // try the next pattern
                }
            }
        }
        throw bad(file, r, header, col, "date_format", text == null ? "" : text, "is not a date matching "
                + map.mappingFile.mapping().date().patterns());
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
        for (int i = 0; i < map.values.size(); i++) {
            ValueColumn c = map.values.get(i);
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
