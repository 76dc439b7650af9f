package io.breakwater.cli;

import static io.breakwater.cli.BenchFigures.mb;
import static io.breakwater.cli.BenchFigures.seconds;

import io.breakwater.bench.PeerBenchmark;
import io.breakwater.bench.ScaleBenchmark;
import io.breakwater.pipeline.Stage;
import io.breakwater.pipeline.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater bench scale|peer-data|backtest}: a utility-sized run, and Breakwater's side of the peer run. */
final class BenchScaleCommands {
    private BenchScaleCommands() {
    }

    @Command(name = "scale")
    static final class Scale extends CityBench {
        @Mixin
        BenchOptions.Settings settings;

        Scale() {
            super(300_000, 30);
        }

        @Override
        void run(Path dir, BenchFigures figures) {
            ScaleBenchmark.Result r = ScaleBenchmark.run(dir, city.pipes, city.years, city.seed,
                    settings.settings, Clock.systemUTC(), progress());
            figures.line("bench scale: %,d pipes x %d years, %,d breaks drawn; %s", r.pipes(), r.years(),
                    r.breaks(), settings.settings.isEmpty() ? "pipeline defaults" : String.join(" ", settings.settings));
            figures.line("  %-10s %9.1f s", "city", seconds(r.written()));
            for (StageResult s : r.run().stages()) {
                figures.line("  %-10s %9.1f s", s.stage().id(), seconds(s.elapsed()));
            }
            figures.line("  %-10s %9.1f s wall, %.1f s CPU", "total", seconds(r.total()), r.cpuSeconds());
            // the back-test's verdict, so that a scale run also says whether the model earns its time
            r.run().stages().stream().filter(s -> s.stage() == Stage.MODEL).flatMap(s -> s.lines().stream())
                    .map(String::strip).filter(l -> l.startsWith("the model is"))
                    .forEach(l -> figures.line("back-test: %s", l));
            figures.line("peak resident %s (target at most 6,144 MB); heap limit %s", mb(r.peakResidentBytes()),
                    mb(r.maxHeapBytes()));
            figures.line("load average at start %s, at end %s (%d processors)", r.loadAtStart(), r.loadAtEnd(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    @Command(name = "peer-data")
    static final class PeerData extends CliCommand {
        @Mixin
        CityOptions city = new CityOptions(16_000, 38, 42);
        @Mixin
        BenchOptions.Settings settings;
        @Option(names = "--dir", required = true, description = "Working folder (kept).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PeerBenchmark.Prepared p = PeerBenchmark.prepare(Files.createDirectories(dir), city.pipes, city.years,
                    city.seed, settings.settings, Clock.systemUTC(), progress());
            new BenchFigures(out()).line("peer data: %s, feature set %s, %,d panel rows exported to %s, in %.1f s",
                    p.database(), p.featureSetId(), p.panelRows(), p.panelCsv(), seconds(p.setup()));
            return 0;
        }
    }

    @Command(name = "backtest")
    static final class Backtest extends CliCommand {
        @Option(names = "--db", required = true, description = "The store peer-data prepared (DIR/bench.duckdb).")
        Path db;
        @Option(names = "--test-years", defaultValue = "10", description = "Test years (default ${DEFAULT-VALUE}).")
        int testYears;
        @Mixin
        SeedOption seed;

        @Override
        public Integer call() {
            BenchFigures figures = new BenchFigures(out());
            PeerBenchmark.Backtest b = PeerBenchmark.backtest(db, testYears, seed.value, Clock.systemUTC(), progress());
            figures.line("breakwater back-test: %s, test years %d..%d, wall %.1f s, peak resident %s", b.featureSetId(),
                    b.testYears().get(0), b.testYears().get(b.testYears().size() - 1), seconds(b.wall()),
                    mb(b.peakResidentBytes()));
            StringBuilder auc = new StringBuilder();
            double sum = 0;
            for (Map.Entry<Integer, Double> e : b.rocAuc().entrySet()) {
                auc.append(String.format(java.util.Locale.ROOT, " %d:%.3f", e.getKey(), e.getValue()));
                sum += e.getValue();
            }
            figures.line("  ROC AUC per year%s; mean %.3f", auc, sum / b.rocAuc().size());
            figures.line("  load average at start %s, at end %s", b.loadAtStart(), b.loadAtEnd());
            figures.line("BREAKWATER_WALL_S=%.1f BREAKWATER_PEAK_RSS_MB=%d", seconds(b.wall()),
                    b.peakResidentBytes() >> 20);
            return 0;
        }
    }
}
