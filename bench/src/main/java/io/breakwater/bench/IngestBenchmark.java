package io.breakwater.bench;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.synth.SyntheticBreakFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The ingest benchmark: a Toronto-shaped break file of N rows ({@link SyntheticBreakFile}) is ingested into DuckDB with
 * every check on, side by side with DuckDB's own {@code read_csv} of the same file and DuckDB's own SQL filling the
 * same break table.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    /** One measured step. */
    public record Measure(String name, long rows, double seconds, double rowsPerSecond, double cpuSeconds,
            double rowsPerCpuSecond, long peakHeapBytes) {
        static Measure of(String name, long rows, double seconds, double cpuSeconds, long peakHeapBytes) {
            return new Measure(name, rows, seconds, rows / seconds, cpuSeconds, rows / cpuSeconds, peakHeapBytes);
        }
    }

    /**
     * What the benchmark measured.
     *
     * @param file      the generated file and its planted defects
     * @param fileBytes its size
     * @param generate  time to write it
     * @param ours      Breakwater's ingest
     * @param readCsv   DuckDB's read_csv into a table
     * @param sameTable DuckDB's SQL into the break table of a migrated store
     * @param report    the ingest's own report
     */
    public record Result(SyntheticBreakFile.Written file, long fileBytes, Duration generate, Measure ours,
            Measure readCsv, Measure sameTable, IngestReport report) {
        /** Breakwater's rate as a share of read_csv's, by wall clock. */
        public double ratio() {
            return ours.rowsPerSecond() / readCsv.rowsPerSecond();
        }

        public double cpuRatio() {
            return ours.rowsPerCpuSecond() / readCsv.rowsPerCpuSecond();
        }

        public double sameTableRatio() {
            return ours.rowsPerSecond() / sameTable.rowsPerSecond();
        }
    }

    /** Runs the benchmark in {@code work} (the file, three DuckDB files). */
    public static Result run(Path work, long rows, long seed) {
        try {
            Path csv = work.resolve("breaks.csv");
            Path mapping = work.resolve("breaks-mapping.yaml");
            Path areas = work.resolve("areas.geojson");
            Path areasMapping = work.resolve("areas-mapping.yaml");
            long t0 = System.nanoTime();
            SyntheticBreakFile.Written written = SyntheticBreakFile.writeCsv(csv, rows, seed);
            SyntheticBreakFile.writeMapping(mapping, "bench-breaks", "bench-grid");
            SyntheticBreakFile.writeGridAreas(areas, areasMapping, "bench-grid", 14, 10);
            Duration generate = Duration.ofNanos(System.nanoTime() - t0);
            Measure duck = readCsv(work.resolve("read_csv.duckdb"), csv);
            Measure sameTable = duckDbFillsTheBreakTable(work.resolve("same_table.duckdb"), csv);

            // Breakwater: areas first (not timed), then the breaks with every check on
            Path dbFile = work.resolve("breakwater.duckdb");
            Files.deleteIfExists(dbFile);
            IngestReport report;
            long peak;
            double ourCpu;
            try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.duckDb(dbFile))) {
                Ingest ingest = Ingest.into(store);
                ingest.areas(areasMapping, areas);
                ProcessFigures.resetHeapPeaks();
                double cpu = ProcessFigures.processCpuSeconds();
                report = ingest.breaks(mapping, csv);
                ourCpu = ProcessFigures.processCpuSeconds() - cpu;
                peak = ProcessFigures.peakHeapBytes();
            }
            Measure ours = Measure.of("breakwater ingest breaks (all checks, DuckDB)", report.rowsRead(),
                    report.seconds(), ourCpu, peak);
            return new Result(written, Files.size(csv), generate, ours, duck, sameTable, report);
        } catch (IOException | SQLException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "ingest benchmark in " + work + ": "
                    + e.getMessage(), e);
        }
    }

    /** DuckDB's own CSV reader into a table, same file. */
    private static Measure readCsv(Path duckFile, Path csv) throws IOException, SQLException {
        Files.deleteIfExists(duckFile);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckFile);
                Statement s = c.createStatement()) {
            long t = System.nanoTime();
            double cpu = ProcessFigures.processCpuSeconds();
            s.execute("CREATE TABLE raw AS SELECT * FROM read_csv('" + csv.toString().replace("'", "''")
                    + "', header = true)");
            double seconds = (System.nanoTime() - t) / 1e9;
            double cpuSeconds = ProcessFigures.processCpuSeconds() - cpu;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM raw")) {
                r.next();
                return Measure.of("duckdb read_csv into a table", r.getLong(1), seconds, cpuSeconds, -1);
            }
        }
    }

    /**
     * The reference for the break table itself: DuckDB's own SQL fills {@code pipe_breaks_clean} of a freshly
     * migrated store (its primary key and date index included) from {@code read_csv} of the same file, with the
     * same keys, dates, record hashes and one row per id, but none of the ingest's reprojection, area lookup, flags,
     * rejects or run log.
     */
    private static Measure duckDbFillsTheBreakTable(Path dbFile, Path csv) throws IOException, SQLException {
        Files.deleteIfExists(dbFile);
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.duckDb(dbFile));
                Statement s = store.connection().createStatement()) {
            long t = System.nanoTime();
            double cpu = ProcessFigures.processCpuSeconds();
            s.execute("""
                    INSERT INTO pipe_breaks_clean (break_id, source_name, source_record_id, break_date, break_year,
                        break_month, lon, lat, source_x, source_y, source_crs, record_hash, run_id, source_line)
                    SELECT 'bench-breaks:' || id, 'bench-breaks', id, d, year(d), month(d), lon, lat, x, y,
                        'EPSG:2019', substr(md5(concat_ws('|', BREAK_DATE, BREAK_YEAR, XCOORD, YCOORD, POINT_X,
                        POINT_Y)), 1, 16), 0, line
                    FROM (SELECT *, BREAK_DATE || '|' || XCOORD || '|' || YCOORD AS id,
                            try_strptime(BREAK_DATE, '%Y%m%d')::DATE AS d, try_cast(POINT_X AS DOUBLE) AS lon,
                            try_cast(POINT_Y AS DOUBLE) AS lat, try_cast(XCOORD AS DOUBLE) AS x,
                            try_cast(YCOORD AS DOUBLE) AS y, row_number() OVER () + 1 AS line
                        FROM read_csv('%s', header = true, all_varchar = true))
                    WHERE id IS NOT NULL AND d IS NOT NULL AND isfinite(x) AND isfinite(y)
                    QUALIFY row_number() OVER (PARTITION BY id ORDER BY line) = 1
                    """.replace("'%s'", "'" + csv.toString().replace("'", "''") + "'"));
            double seconds = (System.nanoTime() - t) / 1e9;
            double cpuSeconds = ProcessFigures.processCpuSeconds() - cpu;
            return Measure.of("duckdb SQL into " + PIPE_BREAKS_CLEAN.getName() + " (same table)",
                    store.dsl().fetchCount(PIPE_BREAKS_CLEAN), seconds, cpuSeconds, -1);
        }
    }
}
