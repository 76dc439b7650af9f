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
import java.util.Set;

/**
 * NOAA GHCN-Daily by-station CSV (the "access" files): {@code STATION, DATE (yyyy-MM-dd), [LATITUDE, LONGITUDE,
 * ELEVATION, NAME,] PRCP, PRCP_ATTRIBUTES, SNOW, SNOW_ATTRIBUTES, TMAX, TMAX_ATTRIBUTES, TMIN, TMIN_ATTRIBUTES, ...}
 * in the raw units of GHCN-Daily: PRCP tenths of mm, SNOW mm, TMAX/TMIN/TAVG tenths of degC; -9999 or blank is
 * missing. Each attribute is {@code MFLAG,QFLAG,SFLAG,TIME}: MFLAG {@code T} is a trace, a non-blank QFLAG means the
 * value failed quality control and is dropped.
 */
public final class GhcnDailyParser {
    private static final String[] ELEMENTS = {"TMAX", "TMIN", "TAVG", "PRCP", "SNOW"};
    private static final double[] SCALE = {0.1, 0.1, 0.1, 0.1, 0.1}; // tenths degC, tenths mm, mm -> cm

    private GhcnDailyParser() {
    }

    public static ClimateReading parse(Path file, String stationOverride) {
        List<CsvRecord> records = CsvFile.read(file);
        NoaaColumns cols = new NoaaColumns(file, records.get(0), "STATION", "DATE");
        if (cols.col("TMAX") < 0 && cols.col("PRCP") < 0) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line 1: header has neither TMAX nor "
                    + "PRCP; expected GHCN-Daily element columns (PRCP, SNOW, TMAX, TMIN)");
        }
        List<DailyObservation> days = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String firstStation = stationOverride;
        for (int i = 1; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            long line = r.getStartingLineNumber();
            String station = station(file, r, cols, stationOverride, rejects);
            if (station == null) {
                continue;
            }
            if (firstStation == null) {
                firstStation = station;
            }
            String dateText = cols.get(r, "DATE");
            LocalDate date;
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                rejects.add(reject(file, r, cols, "DATE", dateText, "date_format", "is not a date, expected yyyy-MM-dd"));
                continue;
            }
            Double[] values = new Double[ELEMENTS.length];
            Set<DailyFlag> flags = EnumSet.noneOf(DailyFlag.class);
            SourceReject bad = null;
            for (int k = 0; k < ELEMENTS.length; k++) {
                String raw = cols.get(r, ELEMENTS[k]);
                Double v;
                try {
                    v = Values.number(raw);
                } catch (NumberFormatException e) {
                    bad = reject(file, r, cols, ELEMENTS[k], raw, "number", "is not a number, expected raw tenths");
                    break;
                }
                if (v != null && v == -9999) {
                    v = null;
                }
                String[] attr = cols.get(r, ELEMENTS[k] + "_ATTRIBUTES").split(",", -1);
                String mflag = attr.length > 0 ? attr[0].trim() : "";
                String qflag = attr.length > 1 ? attr[1].trim() : "";
                if (v != null && !qflag.isEmpty()) {
                    v = null;
                    flags.add(DailyFlag.FAILED_QC);
                }
                if (mflag.equals("T")) {
                    flags.add(DailyFlag.TRACE);
                    v = v == null ? 0.0 : v;
                } else if (!mflag.isEmpty()) {
                    flags.add(DailyFlag.OTHER);
                }
                values[k] = v == null ? null : MonthlyRound.tenth(v * SCALE[k]);
            }
            if (bad != null) {
                rejects.add(bad);
                continue;
            }
            if (!seen.add(station + "|" + date)) {
                rejects.add(reject(file, r, cols, "DATE", dateText, "duplicate", "repeats an earlier row of station "
                        + station + "; expected one row per station and day"));
                continue;
            }
            days.add(new DailyObservation(station, date, values[0], values[1], values[2], values[3], values[4], flags,
                    line));
        }
        return new ClimateReading(file.toString(), ClimateFormat.GHCN_DAILY, firstStation, records.size() - 1L, days,
                List.of(), rejects);
    }

    /**
     * The station of a NOAA row (the override, else its STATION), or {@code null} with a reject added when the row has
     * the wrong number of columns or no station.
     */
    static String station(Path file, CsvRecord r, NoaaColumns cols, String stationOverride,
            List<SourceReject> rejects) {
        long line = r.getStartingLineNumber();
        if (r.getFieldCount() != cols.width) {
            rejects.add(new SourceReject(file.toString(), line, null, null, CsvFile.raw(r), "column_count",
                    file + ": line " + line + ": " + r.getFieldCount() + " columns, expected " + cols.width));
            return null;
        }
        String station = stationOverride != null ? stationOverride : cols.get(r, "STATION");
        if (station.isEmpty()) {
            rejects.add(reject(file, r, cols, "STATION", "", "not_null", "is empty, expected a station id"));
            return null;
        }
        return station;
    }

    static SourceReject reject(Path file, CsvRecord r, NoaaColumns cols, String column, String value, String rule,
            String expected) {
        long line = r.getStartingLineNumber();
        return new SourceReject(file.toString(), line, column, value, CsvFile.raw(r), rule, file + ": line " + line
                + ", column " + (cols.col(column) + 1) + " (" + column + "): '" + value + "' " + expected);
    }
}
