package io.breakwater.synth;

import io.breakwater.synth.internal.Projection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes Toronto-shaped break files of any size for benchmarks and tests (columns BREAK_DATE, BREAK_YEAR, XCOORD,
 * YCOORD in EPSG:2019, POINT_X, POINT_Y in WGS84), with a known share of defects: 0.3 % of rows whose coordinate
 * pairs disagree by about 500 m, 0.05 % whose year contradicts the date, 0.02 % with an unparseable date and 0.01 %
 * without coordinates. Also writes the matching mapping and a grid of areas covering the city. Deterministic for a
 * seed.
 */
public final class SyntheticBreakFile {
    private static final double MIN_X = 296_000;
    private static final double MAX_X = 332_000;
    private static final double MIN_Y = 4_826_000;
    private static final double MAX_Y = 4_856_000;
    private static final long FIRST_DAY = LocalDate.of(1990, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(2016, 12, 31).toEpochDay();

    private SyntheticBreakFile() {
    }

    /** What was written: rows and the defects planted. */
    public record Written(long rows, long disagreeing, long yearMismatch, long badDate, long noCoordinates) {
        /** Rows the ingest must reject (bad date, no coordinates). */
        public long expectedRejects() {
            return badDate + noCoordinates;
        }
    }

    /** Writes {@code rows} break records to {@code csv}. */
    public static Written writeCsv(Path csv, long rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Projection mtm = new Projection("EPSG:2019");
        double[] lonLat = new double[2];
        long disagreeing = 0;
        long yearMismatch = 0;
        long badDate = 0;
        long noCoordinates = 0;
        StringBuilder sb = new StringBuilder(128);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("BREAK_DATE,BREAK_YEAR,XCOORD,YCOORD,POINT_X,POINT_Y\n");
            for (long i = 0; i < rows; i++) {
                LocalDate date = LocalDate.ofEpochDay(random.nextLong(FIRST_DAY, LAST_DAY + 1));
                double x = MIN_X + random.nextDouble() * (MAX_X - MIN_X);
                double y = MIN_Y + random.nextDouble() * (MAX_Y - MIN_Y);
                mtm.lonLat(x, y, lonLat, 0);
                double lon = lonLat[0];
                double lat = lonLat[1];
                int defect = random.nextInt(10_000);
                int year = date.getYear();
                sb.setLength(0);
                if (defect < 2) {
                    sb.append(date.getYear()).append("13").append("4X");
                    badDate++;
                } else {
                    sb.append(date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth());
                }
                if (defect >= 2 && defect < 7) {
                    year = year - 1;
                    yearMismatch++;
                }
                if (defect >= 7 && defect < 37) {
                    lon += 0.0065; // about 520 m east
                    disagreeing++;
                }
                sb.append(',').append(year).append(',');
                if (defect >= 37 && defect < 38) {
                    sb.append(",,,");
                    noCoordinates++;
                } else {
                    fixed(sb, x, 3).append(',');
                    fixed(sb, y, 3).append(',');
                    fixed(sb, lon, 7).append(',');
                    fixed(sb, lat, 7);
                }
                sb.append('\n');
                w.append(sb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(rows, disagreeing, yearMismatch, badDate, noCoordinates);
    }

    /** Writes the breaks mapping for {@link #writeCsv} files, assigning breaks to {@code areaSet} (may be null). */
    public static void writeMapping(Path yaml, String source, String areaSet) {
        String text = """
                source: %s
                kind: breaks
                format: { type: csv, delimiter: ",", quote: "\\"", encoding: UTF-8 }
                id: { columns: [BREAK_DATE, XCOORD, YCOORD] }
                date: { column: BREAK_DATE, patterns: [yyyyMMdd], zone: America/Toronto }
                year: { column: BREAK_YEAR }
                coordinates:
                  agreementMetres: 100
                  pairs:
                    - { x: XCOORD, y: YCOORD, crs: "EPSG:2019" }
                    - { x: POINT_X, y: POINT_Y, crs: "EPSG:4326" }
                serviceArea: { boundingBox: [-79.70, 43.55, -79.10, 43.90] }
                duplicates: { placeMetres: 5 }
                freshness: { maxAgeDays: 36500 }
                """.formatted(source);
        if (areaSet != null) {
            text += "areas: " + areaSet + "\n";
        }
        write(yaml, text);
    }

    /** Writes a grid of {@code cols x rows} rectangular areas over the synthetic city, and its areas mapping. */
    public static void writeGridAreas(Path geojson, Path mapping, String areaSet, int cols, int rows) {
        double minLon = -79.66;
        double maxLon = -79.10;
        double minLat = 43.57;
        double maxLat = 43.87;
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                double x0 = minLon + (maxLon - minLon) * c / cols;
                double x1 = minLon + (maxLon - minLon) * (c + 1) / cols;
                double y0 = minLat + (maxLat - minLat) * r / rows;
                double y1 = minLat + (maxLat - minLat) * (r + 1) / rows;
                if (c > 0 || r > 0) {
                    sb.append(",\n");
                }
                sb.append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"code\":\"G%02d%02d\","
                        + "\"name\":\"cell %d/%d\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],"
                        + "[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}", c, r, c, r, x0, y0, x1, y0, x1, y1, x0,
                        y1, x0, y0));
            }
        }
        sb.append("\n]}\n");
        write(geojson, sb.toString());
        write(mapping, """
                source: %s
                kind: areas
                format: { type: geojson }
                id: { columns: [code] }
                name: { column: name }
                """.formatted(areaSet));
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder fixed(StringBuilder sb, double v, int decimals) {
        long scale = decimals == 3 ? 1_000 : 10_000_000;
        long n = Math.round(Math.abs(v) * scale);
        if (v < 0) {
            sb.append('-');
        }
        sb.append(n / scale).append('.');
        String frac = Long.toString(n % scale);
        for (int i = frac.length(); i < decimals; i++) {
            sb.append('0');
        }
        return sb.append(frac);
    }
}
