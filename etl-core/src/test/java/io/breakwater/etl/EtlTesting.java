package io.breakwater.etl;

import io.breakwater.db.BreakwaterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.impl.DSL;

/** Helpers for ETL tests: the bundled sample, a fixed clock, small files. */
final class EtlTesting {
    static final Path SAMPLE = Path.of("..", "sample-data", "toronto").toAbsolutePath().normalize();
    static final Path BREAKS_MAPPING = SAMPLE.resolve("breaks-mapping.yaml");
    static final Path BREAKS = SAMPLE.resolve("watermain_breaks_1990_2016.csv");
    static final Path AREAS_MAPPING = SAMPLE.resolve("neighbourhoods-mapping.yaml");
    static final Path AREAS = SAMPLE.resolve("neighbourhoods_140.geojson");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2017-03-01T12:00:00Z"), ZoneOffset.UTC);

    /** A mapping like Toronto's (no areas, no freshness) for small test files. */
    static final String SMALL_MAPPING = """
            source: test-breaks
            kind: breaks
            format: { type: csv }
            id: { columns: [BREAK_DATE, XCOORD, YCOORD] }
            date: { column: BREAK_DATE, patterns: [yyyyMMdd, yyyy-MM-dd] }
            year: { column: BREAK_YEAR }
            coordinates:
              - { x: XCOORD, y: YCOORD, crs: "EPSG:2019" }
              - { x: POINT_X, y: POINT_Y, crs: "EPSG:4326" }
            serviceArea: { boundingBox: [-79.70, 43.55, -79.10, 43.90] }
            """;
    static final String HEADER = "BREAK_DATE,BREAK_YEAR,XCOORD,YCOORD,POINT_X,POINT_Y\n";
    /** Four real Toronto rows, then four made-up ones with consistent coordinate pairs. */
    static final List<String> ROWS = List.of(
            "19911220,1991,3.15377765000e+005,4.84087239500e+006,-7.93685508176e+001,4.37097343351e+001",
            "19900316,1990,3.10646691000e+005,4.83524909400e+006,-7.94273180531e+001,4.36591701090e+001",
            "20001211,2000,3.15892418000e+005,4.84021543100e+006,-7.93621781550e+001,4.37038136008e+001",
            "19920316,1992,3.10377751000e+005,4.83549490700e+006,-7.94306498578e+001,4.36613848438e+001",
            row("19950101", 312000, 4840000), row("19960202", 313000, 4841000), row("19970303", 314000, 4842000),
            row("19980404", 316000, 4843000));

    /** A row with consistent MTM and WGS84 pairs. */
    static String row(String date, double x, double y) {
        double[] ll = new double[2];
        Reprojection.toWgs84("EPSG:2019", "test").project(x, y, ll);
        return String.format(java.util.Locale.ROOT, "%s,%s,%.3f,%.3f,%.9f,%.9f", date, date.substring(0, 4), x, y, ll[0], ll[1]);
    }

    private EtlTesting() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path csv(Path dir, String name, List<String> rows) {
        return write(dir, name, HEADER + String.join("\n", rows) + "\n");
    }

    static int count(BreakwaterStore store, String table) {
        return store.dsl().fetchCount(DSL.table(DSL.name(table)));
    }
}
