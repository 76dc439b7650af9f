package io.breakwater.cli;

import static io.breakwater.cli.BenchFigures.mb;
import static io.breakwater.cli.BenchFigures.seconds;

import io.breakwater.bench.MlBenchmarks;
import io.breakwater.ml.HyperParameters;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code breakwater bench train|score}: ML benchmarks on a synthetic city's pipe panel, run by hand, never in tests. */
final class MlBenchCommands {
    private MlBenchCommands() {
    }

    /** A benchmark on a synthetic city's panel: the city, the learner's size, the process line at the end. */
    abstract static class PanelBench extends CityBench {
        @Mixin
        LearnerOptions learner;

        PanelBench() {
            super(14_000, 30);
        }

        @Override
        final void run(Path dir, BenchFigures figures) {
            measure(dir, new MlBenchmarks.City(city.pipes, city.years, city.seed), learner.hyper(), figures);
            figures.process("  peak resident %s; load average %s");
        }

        /** Runs the benchmark in {@code dir} on the panel of {@code synthetic} and prints its figures. */
        abstract void measure(Path dir, MlBenchmarks.City synthetic, HyperParameters hyper, BenchFigures figures);
    }

    @Command(name = "train")
    static final class Train extends PanelBench {
        @Override
        void measure(Path dir, MlBenchmarks.City synthetic, HyperParameters hyper, BenchFigures figures) {
            MlBenchmarks.Train b = MlBenchmarks.train(dir, synthetic, hyper, Clock.systemUTC(), progress());
            figures.line("bench train: %,d pipes x %d years, %,d panel rows, %,d rows trained on (after sampling), %s, "
                    + "%d trees depth %d, %d thread(s)", city.pipes, city.years, b.panelRows(), b.trainingRows(),
                    b.algorithm(), learner.trees, learner.depth, learner.threads);
            figures.line("  setup (city, ingest, features) %.1f s; train %.1f s (read, fit, calibrate, register); heap "
                    + "peak %s of %s; check AUC %.3f", seconds(b.setup()), seconds(b.train()), mb(b.peakHeapBytes()),
                    mb(b.maxHeapBytes()), b.validationAuc());
        }
    }

    @Command(name = "score")
    static final class Score extends PanelBench {
        @Override
        void measure(Path dir, MlBenchmarks.City synthetic, HyperParameters hyper, BenchFigures figures) {
            MlBenchmarks.Score b = MlBenchmarks.score(dir, synthetic, hyper, Clock.systemUTC(), progress());
            figures.line("bench score: %,d assets of %s; setup %.1f s, train %.1f s, score %.1f s (read, predict, "
                    + "explain, rank, write), %,.0f assets/s", b.assets(), b.result().month(), seconds(b.setup()),
                    seconds(b.train()), seconds(b.score()), b.assets() / Math.max(0.001, seconds(b.score())));
        }
    }
}
