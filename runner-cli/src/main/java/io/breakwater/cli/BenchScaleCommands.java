package io.breakwater.cli;

import io.breakwater.bench.PeerBenchmark;
import io.breakwater.bench.ScaleBenchmark;
import io.breakwater.pipeline.StageResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater bench scale|peer-data|backtest}: a utility-sized run, and Breakwater's side of the peer run. */
final class BenchScaleCommands {
    private BenchScaleCommands() {
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "A synthetic utility through ingest, features, the rolling back-test and final model, and "
                    + "scoring: per-stage wall time, peak resident memory, the machine's load.")
    static final class Scale extends CliCommand {
        @Option(names = "--pipes", defaultValue = "300000", description = "Pipes (default ${DEFAULT-VALUE}).")
        int pipes;
        @Option(names = "--years", defaultValue = "30", description = "Years of history (default ${DEFAULT-VALUE}).")
        int years;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A pipeline config setting, e.g. "
                + "model.threads=2 or model.selection.enabled=false (repeatable; docs/pipeline.md).")
        List<String> settings = new ArrayList<>();
        @Option(names = "--dir", description = "Working folder (default: a temporary folder, deleted after).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            try (BenchCommand.Work work = BenchCommand.Work.of(dir)) {
                ScaleBenchmark.Result r = ScaleBenchmark.run(work.dir(), pipes, years, seed, settings,
                        Clock.systemUTC(), progress());
                out.printf(Locale.ROOT, "bench scale: %,d pipes x %d years, %,d breaks drawn; %s%n", r.pipes(),
                        r.years(), r.breaks(), settings.isEmpty() ? "pipeline defaults" : String.join(" ", settings));
                out.printf(Locale.ROOT, "  %-10s %9.1f s%n", "city", r.written().toMillis() / 1000.0);
                for (StageResult s : r.run().stages()) {
                    out.printf(Locale.ROOT, "  %-10s %9.1f s%n", s.stage().id(), s.elapsed().toMillis() / 1000.0);
                }
                out.printf(Locale.ROOT, "  %-10s %9.1f s wall, %.1f s CPU%n", "total", r.total().toMillis() / 1000.0,
                        r.cpuSeconds());
                out.printf(Locale.ROOT, "peak resident %s (target at most 6,144 MB); heap limit %s%n",
                        BenchCommand.mb(r.peakResidentBytes()), BenchCommand.mb(r.maxHeapBytes()));
                out.printf(Locale.ROOT, "load average at start %s, at end %s (%d processors)%n", r.loadAtStart(),
                        r.loadAtEnd(), Runtime.getRuntime().availableProcessors());
            }
            return 0;
        }
    }

    @Command(name = "peer-data", mixinStandardHelpOptions = true,
            description = "Write a synthetic city, ingest it and build its pipe panel into DIR/bench.duckdb, and "
                    + "export the panel as DIR/panel.csv for the scikit-learn peer (bench/peer/run.sh).")
    static final class PeerData extends CliCommand {
        @Option(names = "--pipes", defaultValue = "16000", description = "Pipes (default ${DEFAULT-VALUE}).")
        int pipes;
        @Option(names = "--years", defaultValue = "38", description = "Years of history (default ${DEFAULT-VALUE}).")
        int years;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A pipeline config setting (repeatable).")
        List<String> settings = new ArrayList<>();
        @Option(names = "--dir", required = true, description = "Working folder (kept).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PeerBenchmark.Prepared p = PeerBenchmark.prepare(Files.createDirectories(dir), pipes, years, seed,
                    settings, Clock.systemUTC(), progress());
            out().printf(Locale.ROOT, "peer data: %s, feature set %s, %,d panel rows "
                    + "exported to %s, in %.1f s%n", p.database(), p.featureSetId(), p.panelRows(), p.panelCsv(),
                    p.setup().toMillis() / 1000.0);
            return 0;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "The rolling yearly back-test of a store's newest feature set (one default fit a year): "
                    + "wall time, peak resident memory, ROC AUC per year.")
    static final class Backtest extends CliCommand {
        @Option(names = "--db", required = true, description = "The store peer-data prepared (DIR/bench.duckdb).")
        Path db;
        @Option(names = "--test-years", defaultValue = "10", description = "Test years (default ${DEFAULT-VALUE}).")
        int testYears;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            PrintWriter out = out();
            PeerBenchmark.Backtest b = PeerBenchmark.backtest(db, testYears, seed, Clock.systemUTC(),
                    progress());
            out.printf(Locale.ROOT, "breakwater back-test: %s, test years %d..%d, wall %.1f s, peak resident %s%n",
                    b.featureSetId(), b.testYears().get(0), b.testYears().get(b.testYears().size() - 1),
                    b.wall().toMillis() / 1000.0, BenchCommand.mb(b.peakResidentBytes()));
            StringBuilder auc = new StringBuilder();
            double sum = 0;
            for (Map.Entry<Integer, Double> e : b.rocAuc().entrySet()) {
                auc.append(String.format(Locale.ROOT, " %d:%.3f", e.getKey(), e.getValue()));
                sum += e.getValue();
            }
            out.printf(Locale.ROOT, "  ROC AUC per year%s; mean %.3f%n", auc, sum / b.rocAuc().size());
            out.printf(Locale.ROOT, "  load average at start %s, at end %s%n", b.loadAtStart(), b.loadAtEnd());
            out.printf(Locale.ROOT, "BREAKWATER_WALL_S=%.1f BREAKWATER_PEAK_RSS_MB=%d%n", b.wall().toMillis() / 1000.0,
                    b.peakResidentBytes() >> 20);
            return 0;
        }
    }
}
