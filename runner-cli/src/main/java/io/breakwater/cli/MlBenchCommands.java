package io.breakwater.cli;

import io.breakwater.bench.MlBenchmarks;
import io.breakwater.bench.ProcessFigures;
import io.breakwater.ml.HyperParameters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater bench train|score}: ML benchmarks on a synthetic city's pipe panel, run by hand, never in tests. */
final class MlBenchCommands {
    private MlBenchCommands() {
    }

    /** The city and learner options both benchmarks share. */
    static final class CityOptions {
        @Option(names = "--pipes", defaultValue = "14000", description = "Pipes of the city (default ${DEFAULT-VALUE}).")
        int pipes;
        @Option(names = "--years", defaultValue = "30", description = "Years of history (default ${DEFAULT-VALUE}).")
        int years;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--trees", defaultValue = "300", description = "Boosting rounds (default ${DEFAULT-VALUE}).")
        int trees;
        @Option(names = "--depth", defaultValue = "3", description = "Tree depth (default ${DEFAULT-VALUE}).")
        int depth;
        @Option(names = "--threads", defaultValue = "1", description = "XGBoost threads (default ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--dir", description = "Working folder (default: a temporary folder, deleted after).")
        Path dir;

        MlBenchmarks.City city() {
            return new MlBenchmarks.City(pipes, years, seed);
        }

        HyperParameters hyper() {
            return HyperParameters.defaults().withTrees(trees).withMaxDepth(depth).withThreads(threads);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the default model on a synthetic city's pipe panel and report time and heap.")
    static final class Train extends CliCommand {
        @Mixin
        CityOptions options;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            try (BenchCommand.Work work = BenchCommand.Work.of(options.dir)) {
                MlBenchmarks.Train b = MlBenchmarks.train(work.dir(), options.city(), options.hyper(),
                        Clock.systemUTC(), progress());
                out.printf(Locale.ROOT, "bench train: %,d pipes x %d years, %,d panel rows, %,d rows trained on "
                        + "(after sampling), %s, %d trees depth %d, %d thread(s)%n", options.pipes, options.years,
                        b.panelRows(), b.trainingRows(), b.algorithm(), options.trees, options.depth, options.threads);
                out.printf(Locale.ROOT, "  setup (city, ingest, features) %.1f s; train %.1f s (read, fit, calibrate, "
                        + "register); heap peak %s of %s; check AUC %.3f%n", b.setup().toMillis() / 1000.0,
                        b.train().toMillis() / 1000.0, BenchCommand.mb(b.peakHeapBytes()),
                        BenchCommand.mb(b.maxHeapBytes()), b.validationAuc());
                out.printf(Locale.ROOT, "  peak resident %s; load average %s%n",
                        BenchCommand.mb(ProcessFigures.peakResidentBytes()), ProcessFigures.loadAverage());
            }
            return 0;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Train a model on a synthetic city's pipe panel and score its last month end to end.")
    static final class Score extends CliCommand {
        @Mixin
        CityOptions options;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            try (BenchCommand.Work work = BenchCommand.Work.of(options.dir)) {
                MlBenchmarks.Score b = MlBenchmarks.score(work.dir(), options.city(), options.hyper(),
                        Clock.systemUTC(), progress());
                out.printf(Locale.ROOT, "bench score: %,d assets of %s; setup %.1f s, train %.1f s, score %.1f s "
                        + "(read, predict, explain, rank, write), %,.0f assets/s%n", b.assets(), b.result().month(),
                        b.setup().toMillis() / 1000.0, b.train().toMillis() / 1000.0, b.score().toMillis() / 1000.0,
                        b.assets() / Math.max(0.001, b.score().toMillis() / 1000.0));
                out.printf(Locale.ROOT, "  peak resident %s; load average %s%n",
                        BenchCommand.mb(ProcessFigures.peakResidentBytes()), ProcessFigures.loadAverage());
            }
            return 0;
        }
    }
}
