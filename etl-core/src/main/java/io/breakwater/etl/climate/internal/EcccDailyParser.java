package io.breakwater.etl.climate.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.climate.ClimateFormat;
import io.breakwater.etl.climate.ClimateReading;
import io.breakwater.etl.climate.DailyFlag;
import io.breakwater.etl.climate.DailyObservation;
import io.breakwater.etl.env.SourceReject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Environment and Climate Change Canada daily export ("eng-daily-0101YYYY-1231YYYY.csv"): a metadata block of
 * key/value lines (station name, climate identifier, ...), a legend, then the header {@code "Date/Time", "Year", ...}
 * with a flag column after each value. Flags: {@code M} missing, {@code T} trace (0, observed), {@code E} estimated,
 * {@code A}/{@code F} accumulated, {@code Y}/{@code N} temperature missing (only its sign known): missing.
 */
public final class EcccDailyParser {
    private static final String[] REQUIRED = {"Max Temp", "Min Temp", "Mean Temp", "Total Snow", "Total Precip"};

    private EcccDailyParser() {
    }

    public static ClimateReading parse(Path file, String stationOverride) {
        List<CsvRecord> records = CsvFile.read(file);
        String station = stationOverride;
        int headerAt = -1;
        for (int i = 0; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            String key = r.getField(0).trim();
            if (key.startsWith("Date/Time")) {
                headerAt = i;
                break;
            }
            if (key.equalsIgnoreCase("Climate Identifier") && r.getFieldCount() > 1 && station == null
                    && !r.getField(1).isBlank()) {
                station = r.getField(1).trim();
            }
        }
        if (headerAt < 0) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": no header line starting with "
                    + "\"Date/Time\" found in " + records.size() + " records; expected an ECCC daily export");
        }
        if (station == null) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the metadata block has no "
                    + "\"Climate Identifier\" and the mapping names no station; expected one of them");
        }
        CsvRecord header = records.get(headerAt);
        int width = header.getFieldCount();
        int[] cols = new int[REQUIRED.length];
        for (int k = 0; k < REQUIRED.length; k++) {
            cols[k] = find(header, REQUIRED[k]);
            if (cols[k] < 0) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line " + header.getStartingLineNumber()
                        + ": header has no column \"" + REQUIRED[k] + " (...)\"; expected the ECCC daily columns");
            }
            if (cols[k] + 1 >= width || !header.getField(cols[k] + 1).contains("Flag")) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line " + header.getStartingLineNumber()
                        + ", column " + (cols[k] + 2) + ": expected the flag column \"" + REQUIRED[k] + " Flag\"");
            }
        }
        List<DailyObservation> days = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        long read = 0;
        for (int i = headerAt + 1; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            read++;
            long line = r.getStartingLineNumber();
            if (r.getFieldCount() != width) {
                rejects.add(new SourceReject(file.toString(), line, null, null, CsvFile.raw(r), "column_count",
                        file + ": line " + line + ": " + r.getFieldCount() + " columns, expected " + width));
                continue;
            }
            String dateText = r.getField(0).trim();
            LocalDate date;
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                rejects.add(new SourceReject(file.toString(), line, header.getField(0), dateText, CsvFile.raw(r),
                        "date_format", file + ": line " + line + ", column 1 (" + header.getField(0) + "): '"
                                + dateText + "' is not a date, expected yyyy-MM-dd"));
                continue;
            }
            Double[] values = new Double[REQUIRED.length];
            Set<DailyFlag> flags = EnumSet.noneOf(DailyFlag.class);
            SourceReject bad = null;
            for (int k = 0; k < REQUIRED.length && bad == null; k++) {
                String raw = r.getField(cols[k]);
                String flag = r.getField(cols[k] + 1).trim().toUpperCase(Locale.ROOT);
                try {
                    values[k] = Values.number(raw);
                } catch (NumberFormatException e) {
                    bad = new SourceReject(file.toString(), line, header.getField(cols[k]), raw, CsvFile.raw(r),
                            "number", file + ": line " + line + ", column " + (cols[k] + 1) + " ("
                                    + header.getField(cols[k]) + "): '" + raw + "' is not a number");
                    break;
                }
                switch (flag) {
                    case "" -> { }
                    case "M", "Y", "N" -> {
                        values[k] = null;
                        flags.add(DailyFlag.MISSING_FLAG);
                    }
                    case "T" -> {
                        values[k] = 0.0;
                        flags.add(DailyFlag.TRACE);
                    }
                    case "E" -> flags.add(DailyFlag.ESTIMATED);
                    case "A", "F" -> flags.add(DailyFlag.ACCUMULATED);
                    default -> flags.add(DailyFlag.OTHER);
                }
            }
            if (bad != null) {
                rejects.add(bad);
                continue;
            }
            if (!seen.add(date)) {
                rejects.add(new SourceReject(file.toString(), line, header.getField(0), dateText, CsvFile.raw(r),
                        "duplicate", file + ": line " + line + ", column 1 (" + header.getField(0) + "): '" + dateText
                                + "' repeats an earlier row; expected one row per day"));
                continue;
            }
            days.add(new DailyObservation(station, date, values[0], values[1], values[2], values[4], values[3], flags,
                    line));
        }
        return new ClimateReading(file.toString(), ClimateFormat.ECCC_DAILY, station, read, days, List.of(), rejects);
    }

    private static int find(CsvRecord header, String prefix) {
        for (int c = 0; c < header.getFieldCount(); c++) {
            String name = header.getField(c).trim();
            if (name.startsWith(prefix) && !name.contains("Flag")) {
                return c;
            }
        }
        return -1;
    }
}
