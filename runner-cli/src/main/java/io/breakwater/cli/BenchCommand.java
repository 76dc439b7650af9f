package io.breakwater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.StoreLocation;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.breaks.SyntheticBreakFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code breakwater bench ...}: benchmarks run by hand (never part of the build). Later issues add subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: print rows/s, seconds and peak heap, and write them as JSON.",
        subcommands = {BenchCommand.IngestBench.class, BenchFeaturesCommand.class, MlBenchCommands.Train.class,
            MlBenchCommands.Score.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One measured step, as written to the JSON. */
    record Measure(String name, long rows, double seconds, double rowsPerSecond, double cpuSeconds,
            double rowsPerCpuSecond, long peakHeapBytes) {
        static Measure of(String name, long rows, double seconds, double cpuSeconds, long peakHeapBytes) {
            return new Measure(name, rows, seconds, rows / seconds, cpuSeconds, rows / cpuSeconds, peakHeapBytes);
        }
    }

    /** CPU time of the whole process (all threads, DuckDB's native ones included), in seconds. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest a synthetic Toronto-shaped break file of N rows into DuckDB with every check on, "
                    + "side by side with DuckDB's own read_csv of the same file.")
    static final class IngestBench implements Callable<Integer> {
        @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows in the synthetic file.")
        long rows;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the figures as JSON here.")
        Path out;
        @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a new temporary folder, deleted after).")
        Path dir;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic file (default ${DEFAULT-VALUE}).")
        long seed;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            boolean temporary = dir == null;
            Path work = temporary ? Files.createTempDirectory("breakwater-bench") : Files.createDirectories(dir);
            try {
                Path csv = work.resolve("breaks.csv");
                Path mapping = work.resolve("breaks-mapping.yaml");
                Path areas = work.resolve("areas.geojson");
                Path areasMapping = work.resolve("areas-mapping.yaml");
                w.printf(Locale.ROOT, "writing %,d synthetic rows to %s ...%n", rows, csv);
                w.flush();
                long t0 = System.nanoTime();
                SyntheticBreakFile.Written written = SyntheticBreakFile.writeCsv(csv, rows, seed);
                SyntheticBreakFile.writeMapping(mapping, "bench-breaks", "bench-grid");
                SyntheticBreakFile.writeGridAreas(areas, areasMapping, "bench-grid", 14, 10);
                w.printf(Locale.ROOT, "  %.1f s, %,d MB%n", (System.nanoTime() - t0) / 1e9, Files.size(csv) >> 20);

                // DuckDB's own CSV reader into a table, same file
                Path duckFile = work.resolve("read_csv.duckdb");
                Files.deleteIfExists(duckFile);
                long duckRows;
                double duckSeconds;
                double duckCpu;
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckFile);
                        Statement s = c.createStatement()) {
                    long t = System.nanoTime();
                    double cpu = processCpuSeconds();
                    s.execute("CREATE TABLE raw AS SELECT * FROM read_csv('" + csv.toString().replace("'", "''")
                            + "', header = true)");
                    duckSeconds = (System.nanoTime() - t) / 1e9;
                    duckCpu = processCpuSeconds() - cpu;
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM raw")) {
                        r.next();
                        duckRows = r.getLong(1);
                    }
                }
                Measure duck = Measure.of("duckdb read_csv into a table", duckRows, duckSeconds, duckCpu, -1);
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
                    System.gc();
                    resetPeaks();
                    double cpu = processCpuSeconds();
                    report = ingest.breaks(mapping, csv);
                    ourCpu = processCpuSeconds() - cpu;
                    peak = peakHeap();
                }
                Measure ours = Measure.of("breakwater ingest breaks (all checks, DuckDB)", report.rowsRead(),
                        report.seconds(), ourCpu, peak);

                w.printf(Locale.ROOT, "%n%-46s %12s %9s %12s %9s %14s %9s%n", "step", "rows", "seconds", "rows/s",
                        "cpu s", "rows/cpu-s", "heap MB");
                for (Measure m : List.of(ours, duck, sameTable)) {
                    w.printf(Locale.ROOT, "%-46s %,12d %9.2f %,12.0f %9.2f %,14.0f %9s%n", m.name(), m.rows(), m.seconds(),
                            m.rowsPerSecond(), m.cpuSeconds(), m.rowsPerCpuSecond(),
                            m.peakHeapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%,d", m.peakHeapBytes() >> 20));
                }
                double ratio = ours.rowsPerSecond() / duck.rowsPerSecond();
                double cpuRatio = ours.rowsPerCpuSecond() / duck.rowsPerCpuSecond();
                w.printf(Locale.ROOT, "ratio: %.2f of DuckDB's read_csv rate by wall clock, %.2f by CPU time (goal: at least 0.50)%n",
                        ratio, cpuRatio);
                double sameTableRatio = ours.rowsPerSecond() / sameTable.rowsPerSecond();
                w.printf(Locale.ROOT, "ratio: %.2f of the rate at which DuckDB's own SQL fills %s (%,d rows; no reprojection, "
                        + "areas or flags)%n", sameTableRatio, PIPE_BREAKS_CLEAN.getName(), sameTable.rows());
                w.printf(Locale.ROOT, "loaded %,d, rejected %,d (planted %,d), flagged %,d%n", report.rowsLoaded(),
                        report.rowsRejected(), written.expectedRejects(), report.rowsFlagged());
                if (out != null) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("benchmark", "ingest");
                    json.put("at", Instant.now().toString());
                    json.put("rows", rows);
                    json.put("seed", seed);
                    json.put("fileBytes", Files.size(csv));
                    json.put("java", System.getProperty("java.version"));
                    json.put("processors", Runtime.getRuntime().availableProcessors());
                    json.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
                    json.put("breakwater", ours);
                    json.put("duckdbReadCsv", duck);
                    json.put("duckdbSqlSameTable", sameTable);
                    json.put("ratio", ratio);
                    json.put("sameTableRatio", sameTableRatio);
                    json.put("cpuRatio", cpuRatio);
                    json.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    json.put("report", Map.of("loaded", report.rowsLoaded(), "rejected", report.rowsRejected(),
                            "flagged", report.rowsFlagged(), "reasons", report.reasons()));
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
                    w.println("figures written to " + out);
                }
                w.flush();
                return 0;
            } finally {
                if (temporary) {
                    deleteTree(work);
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
                double cpu = processCpuSeconds();
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
                double cpuSeconds = processCpuSeconds() - cpu;
                return Measure.of("duckdb SQL into " + PIPE_BREAKS_CLEAN.getName() + " (same table)",
                        store.dsl().fetchCount(PIPE_BREAKS_CLEAN), seconds, cpuSeconds, -1);
            }
        }

        private static void resetPeaks() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        private static long peakHeap() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }

        private static void deleteTree(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // best effort
            }
        }
    }
}
