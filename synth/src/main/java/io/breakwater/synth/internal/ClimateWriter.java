package io.breakwater.synth.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the weather as two stations: an Environment Canada daily export (one file a year, the exact layout of the
 * real service: BOM, metadata block, legend, header, a flag column after each value), complete and equal to the
 * weather that drives the hazard; and a NOAA GHCN-Daily by-station CSV of a second station nearby (raw units: tenths
 * of mm and of °C, snowfall in mm), slightly different and with missing values.
 */
public final class ClimateWriter {
    public static final String ECCC_STATION_NAME = "PORT MERIDIAN";
    public static final String ECCC_CLIMATE_ID = "6150001";
    public static final String GHCN_STATION = "CA006150002";

    private static final String LEGEND = String.join("\n",
            "\"Legend\"",
            "\"A\",\"Accumulated\"",
            "\"C\",\"Precipitation occurred, amount uncertain\"",
            "\"E\",\"Estimated\"",
            "\"F\",\"Accumulated and estimated\"",
            "\"L\",\"Precipitation may or may not have occurred\"",
            "\"M\",\"Missing\"",
            "\"N\",\"Temperature missing but known to be > 0\"",
            "\"S\",\"More than one occurrence\"",
            "\"T\",\"Trace\"",
            "\"Y\",\"Temperature missing but known to be < 0\"",
            "\"[empty]\",\"No data available\"",
            "\"^\",\"The value displayed is based on incomplete data\"",
            "\"\u2020\",\"Data for this day has undergone only basic quality checking\"",
            "\"\u2021\",\"Partner data that is not subject to review by the National Climate Archives\"");
    private static final String HEADER = "\"Date/Time\",\"Year\",\"Month\",\"Day\",\"Data Quality\","
            + "\"Max Temp (\u00b0C)\",\"Max Temp Flag\",\"Min Temp (\u00b0C)\",\"Min Temp Flag\","
            + "\"Mean Temp (\u00b0C)\",\"Mean Temp Flag\",\"Heat Deg Days (\u00b0C)\",\"Heat Deg Days Flag\","
            + "\"Cool Deg Days (\u00b0C)\",\"Cool Deg Days Flag\",\"Total Rain (mm)\",\"Total Rain Flag\","
            + "\"Total Snow (cm)\",\"Total Snow Flag\",\"Total Precip (mm)\",\"Total Precip Flag\","
            + "\"Snow on Grnd (cm)\",\"Snow on Grnd Flag\",\"Dir of Max Gust (10s deg)\",\"Dir of Max Gust Flag\","
            + "\"Spd of Max Gust (km/h)\",\"Spd of Max Gust Flag\"";

    private ClimateWriter() {
    }

    /** Writes {@code dir/eng-daily-0101YYYY-1231YYYY.csv} for every year; returns the files. */
    public static List<Path> writeEccc(Weather w, Path dir, int firstYear, int lastYear, double lat, double lon)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            Path file = dir.resolve("eng-daily-0101" + year + "-1231" + year + ".csv");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write('\uFEFF');
                out.write("\"Station Name\",\"" + ECCC_STATION_NAME + "\"\n");
                out.write("\"Province\",\"ONTARIO\"\n");
                out.write("\"Latitude\",\"" + Fmt.fixed(lat, 2) + "\"\n");
                out.write("\"Longitude\",\"" + Fmt.fixed(lon, 2) + "\"\n");
                out.write("\"Elevation\",\"329.20\"\n");
                out.write("\"Climate Identifier\",\"" + ECCC_CLIMATE_ID + "\"\n");
                out.write("\"WMO Identifier\",\"71999\"\n");
                out.write("\"TC Identifier\",\"\"\n");
                out.write("\n");
                out.write(LEGEND);
                out.write("\n\n");
                out.write(HEADER);
                out.write("\n");
                int from = w.dayIndex(LocalDate.of(year, 1, 1));
                int to = w.dayIndex(LocalDate.of(year + 1, 1, 1));
                StringBuilder sb = new StringBuilder(256);
                for (int d = from; d < to; d++) {
                    LocalDate date = w.date(d);
                    sb.setLength(0);
                    q(sb, date.toString());
                    q(sb, Integer.toString(year));
                    q(sb, two(date.getMonthValue()));
                    q(sb, two(date.getDayOfMonth()));
                    q(sb, "");
                    valueFlag(sb, Fmt.tenths(w.tmax[d]));
                    valueFlag(sb, Fmt.tenths(w.tmin[d]));
                    valueFlag(sb, Fmt.tenths(w.tmean[d]));
                    valueFlag(sb, Fmt.tenths(Math.max(0, 180 - w.tmean[d])));
                    valueFlag(sb, Fmt.tenths(Math.max(0, w.tmean[d] - 180)));
                    valueFlag(sb, Fmt.tenths(w.rain[d]));
                    valueFlag(sb, Fmt.tenths(w.snow[d]));
                    valueFlag(sb, Fmt.tenths(w.precip(d)));
                    valueFlag(sb, Integer.toString(w.snowOnGround[d]));
                    valueFlag(sb, "");
                    valueFlag(sb, "");
                    sb.setLength(sb.length() - 1);
                    sb.append('\n');
                    out.write(sb.toString());
                }
            }
            files.add(file);
        }
        return files;
    }

    /**
     * Writes one GHCN-Daily by-station CSV ({@code "STATION","DATE","PRCP","SNOW","TMAX","TMIN"}); returns how many
     * values were left empty.
     */
    public static long writeGhcn(Weather w, Path file, long seed, int firstYear, int lastYear, double missingShare)
            throws IOException {
        SplittableRandom rng = Rng.stream(seed, "ghcn-station");
        long missing = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\"STATION\",\"DATE\",\"PRCP\",\"SNOW\",\"TMAX\",\"TMIN\"\n");
            int from = w.dayIndex(LocalDate.of(firstYear, 1, 1));
            int to = w.dayIndex(LocalDate.of(lastYear + 1, 1, 1));
            StringBuilder sb = new StringBuilder(96);
            for (int d = from; d < to; d++) {
                // a second station a few km away: its own small differences
                int tmax = w.tmax[d] + (int) Math.round(4 * Rng.gaussian(rng));
                int tmin = Math.min(tmax, w.tmin[d] + (int) Math.round(4 * Rng.gaussian(rng)));
                int prcp = (int) Math.round(w.precip(d) * (0.85 + 0.3 * rng.nextDouble()));
                int snowMm = (int) Math.round(w.snow[d] * (0.85 + 0.3 * rng.nextDouble()));
                String[] values = {Integer.toString(prcp), Integer.toString(snowMm), Integer.toString(tmax),
                    Integer.toString(tmin)};
                for (int k = 0; k < values.length; k++) {
                    if (rng.nextDouble() < missingShare) {
                        values[k] = "";
                        missing++;
                    }
                }
                sb.setLength(0);
                q(sb, GHCN_STATION);
                q(sb, w.date(d).toString());
                for (String v : values) {
                    q(sb, v);
                }
                sb.setLength(sb.length() - 1);
                sb.append('\n');
                out.write(sb.toString());
            }
        }
        return missing;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static void q(StringBuilder sb, String v) {
        sb.append('"').append(v).append("\",");
    }

    private static void valueFlag(StringBuilder sb, String v) {
        q(sb, v);
        q(sb, "");
    }
}
