package io.breakwater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.breakwater.bench.IngestBenchmark;
import io.breakwater.bench.ProcessFigures;
import io.breakwater.etl.IngestReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code breakwater bench ...}: benchmarks run by hand (never part of the build). Each subcommand calls one benchmark
 * of the {@code breakwater-bench} module and prints its figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: print rows/s, seconds, peak heap and resident memory.",
        subcommands = {BenchCommand.IngestBench.class, BenchFeaturesCommand.class, MlBenchCommands.Train.class,
            MlBenchCommands.Score.class, BenchScaleCommands.Scale.class, BenchScaleCommands.PeerData.class,
            BenchScaleCommands.Backtest.class})
final class BenchCommand extends CommandGroup {

    /** A benchmark's working folder: the one given, or a new temporary one deleted on close. */
    record Work(Path dir, boolean temporary) implements AutoCloseable {
        static Work of(Path given) throws IOException {
            return given == null ? new Work(Files.createTempDirectory("breakwater-bench"), true)
                    : new Work(Files.createDirectories(given), false);
        }

        @Override
        public void close() {
            if (!temporary) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
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

    /** "1,234 MB", or "-" when unknown. */
    static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest a synthetic Toronto-shaped break file of N rows into DuckDB with every check on, "
                    + "side by side with DuckDB's own read_csv of the same file.")
    static final class IngestBench extends CliCommand {
        @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows in the synthetic file.")
        long rows;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the figures as JSON here.")
        Path out;
        @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a new temporary folder, deleted after).")
        Path dir;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic file (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = out();
            try (Work work = Work.of(dir)) {
                w.printf(Locale.ROOT, "writing %,d synthetic rows to %s and ingesting them ...%n", rows, work.dir());
                w.flush();
                IngestBenchmark.Result r = IngestBenchmark.run(work.dir(), rows, seed);
                w.printf(Locale.ROOT, "  file written in %.1f s, %,d MB%n", r.generate().toMillis() / 1000.0,
                        r.fileBytes() >> 20);
                w.printf(Locale.ROOT, "%n%-46s %12s %9s %12s %9s %14s %9s%n", "step", "rows", "seconds", "rows/s",
                        "cpu s", "rows/cpu-s", "heap MB");
                for (IngestBenchmark.Measure m : List.of(r.ours(), r.readCsv(), r.sameTable())) {
                    w.printf(Locale.ROOT, "%-46s %,12d %9.2f %,12.0f %9.2f %,14.0f %9s%n", m.name(), m.rows(), m.seconds(),
                            m.rowsPerSecond(), m.cpuSeconds(), m.rowsPerCpuSecond(),
                            m.peakHeapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%,d", m.peakHeapBytes() >> 20));
                }
                w.printf(Locale.ROOT, "ratio: %.2f of DuckDB's read_csv rate by wall clock, %.2f by CPU time (goal: at least 0.50)%n",
                        r.ratio(), r.cpuRatio());
                w.printf(Locale.ROOT, "ratio: %.2f of the rate at which DuckDB's own SQL fills pipe_breaks_clean (%,d rows; "
                        + "no reprojection, areas or flags)%n", r.sameTableRatio(), r.sameTable().rows());
                IngestReport report = r.report();
                w.printf(Locale.ROOT, "loaded %,d, rejected %,d (planted %,d), flagged %,d%n", report.rowsLoaded(),
                        report.rowsRejected(), r.file().expectedRejects(), report.rowsFlagged());
                w.printf(Locale.ROOT, "load average %s, peak resident %s%n", ProcessFigures.loadAverage(),
                        mb(ProcessFigures.peakResidentBytes()));
                if (out != null) {
                    writeJson(r);
                    w.println("figures written to " + out);
                }
                w.flush();
                return 0;
            }
        }

        private void writeJson(IngestBenchmark.Result r) throws IOException {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("benchmark", "ingest");
            json.put("at", Instant.now().toString());
            json.put("rows", rows);
            json.put("seed", seed);
            json.put("fileBytes", r.fileBytes());
            json.put("java", System.getProperty("java.version"));
            json.put("processors", Runtime.getRuntime().availableProcessors());
            json.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            json.put("breakwater", r.ours());
            json.put("duckdbReadCsv", r.readCsv());
            json.put("duckdbSqlSameTable", r.sameTable());
            json.put("ratio", r.ratio());
            json.put("sameTableRatio", r.sameTableRatio());
            json.put("cpuRatio", r.cpuRatio());
            json.put("loadAverage", ProcessFigures.loadAverage());
            json.put("report", Map.of("loaded", r.report().rowsLoaded(), "rejected", r.report().rowsRejected(),
                    "flagged", r.report().rowsFlagged(), "reasons", r.report().reasons()));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        }
    }
}
