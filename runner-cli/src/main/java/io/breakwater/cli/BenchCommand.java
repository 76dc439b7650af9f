package io.breakwater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import static io.breakwater.cli.BenchFigures.mb;
import static io.breakwater.cli.BenchFigures.seconds;

import io.breakwater.bench.IngestBenchmark;
import io.breakwater.bench.ProcessFigures;
import io.breakwater.etl.IngestReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code breakwater bench ...}: benchmarks run by hand (never part of the build). Each subcommand calls one benchmark
 * of the {@code breakwater-bench} module and prints its figures.
 */
@Command(name = "bench",
        subcommands = {BenchCommand.IngestBench.class, BenchFeaturesCommand.class, MlBenchCommands.Train.class,
            MlBenchCommands.Score.class, BenchScaleCommands.Scale.class, BenchScaleCommands.PeerData.class,
            BenchScaleCommands.Backtest.class})
final class BenchCommand extends CommandGroup {

    @Command(name = "ingest")
    static final class IngestBench extends CliCommand {
        @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows in the synthetic file.")
        long rows;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the figures as JSON here.")
        Path out;
        @Mixin
        BenchOptions.Folder folder;
        @Mixin
        SeedOption seed;

        @Override
        public Integer call() throws Exception {
            BenchFigures w = new BenchFigures(out());
            try (BenchOptions.Work work = folder.open()) {
                w.line("writing %,d synthetic rows to %s and ingesting them ...", rows, work.dir());
                IngestBenchmark.Result r = IngestBenchmark.run(work.dir(), rows, seed.value);
                w.line("  file written in %.1f s, %,d MB", seconds(r.generate()), r.fileBytes() >> 20);
                w.line("%n%-46s %12s %9s %12s %9s %14s %9s", "step", "rows", "seconds", "rows/s", "cpu s",
                        "rows/cpu-s", "heap MB");
                for (IngestBenchmark.Measure m : List.of(r.ours(), r.readCsv(), r.sameTable())) {
                    w.line("%-46s %,12d %9.2f %,12.0f %9.2f %,14.0f %9s", m.name(), m.rows(), m.seconds(),
                            m.rowsPerSecond(), m.cpuSeconds(), m.rowsPerCpuSecond(),
                            m.peakHeapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%,d", m.peakHeapBytes() >> 20));
                }
                w.line("ratio: %.2f of DuckDB's read_csv rate by wall clock, %.2f by CPU time (goal: at least 0.50)",
                        r.ratio(), r.cpuRatio());
                w.line("ratio: %.2f of the rate at which DuckDB's own SQL fills pipe_breaks_clean (%,d rows; "
                        + "no reprojection, areas or flags)", r.sameTableRatio(), r.sameTable().rows());
                IngestReport report = r.report();
                w.line("loaded %,d, rejected %,d (planted %,d), flagged %,d", report.rowsLoaded(),
                        report.rowsRejected(), r.file().expectedRejects(), report.rowsFlagged());
                w.line("load average %s, peak resident %s", ProcessFigures.loadAverage(),
                        mb(ProcessFigures.peakResidentBytes()));
                if (out != null) {
                    writeJson(r);
                    w.line("figures written to %s", out);
                }
                return 0;
            }
        }

        private void writeJson(IngestBenchmark.Result r) throws IOException {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("benchmark", "ingest");
            json.put("at", Instant.now().toString());
            json.put("rows", rows);
            json.put("seed", seed.value);
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
