package io.breakwater.cli;

import io.breakwater.ml.Algorithm;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.MlBenchmarks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code breakwater bench train|score}: ML benchmarks, run by hand, never in tests. */
final class MlBenchCommands {
    private MlBenchCommands() {
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on N synthetic panel rows (after sampling) and report time and heap.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "5000000", description = "Rows (default ${DEFAULT-VALUE}).")
        long rows;
        @Option(names = "--columns", defaultValue = "40", description = "Feature columns (default ${DEFAULT-VALUE}).")
        int columns;
        @Option(names = "--algorithm", defaultValue = "xgboost", description = "xgboost, logistic, java_gbm.")
        String algorithm;
        @Option(names = "--trees", defaultValue = "300", description = "Boosting rounds (default ${DEFAULT-VALUE}).")
        int trees;
        @Option(names = "--depth", defaultValue = "3", description = "Tree depth (default ${DEFAULT-VALUE}).")
        int depth;
        @Option(names = "--threads", defaultValue = "1", description = "XGBoost threads (default ${DEFAULT-VALUE}).")
        int threads;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HyperParameters h = HyperParameters.defaults().withTrees(trees).withMaxDepth(depth).withThreads(threads);
            MlBenchmarks.TrainBenchmark b = MlBenchmarks.train(rows, columns, Algorithm.parse(algorithm), h, 42L);
            out.printf("bench train: %,d rows x %d columns, %s, %d trees depth %d, %d thread(s)%n", b.rows(), b.columns(),
                    b.algorithm(), b.trees(), depth, b.threads());
            out.printf("  build matrix %.1f s, train %.1f s, heap used after training %,d MB of %,d MB max, "
                    + "check AUC %.3f%n", b.buildSeconds(), b.trainSeconds(), b.peakHeapMb(), b.maxHeapMb(),
                    b.validationAuc());
            return 0;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Build a DuckDB feature set of N assets, train a model, score the month end to end.")
    static final class Score implements Callable<Integer> {
        @Option(names = "--assets", defaultValue = "1000000", description = "Assets (default ${DEFAULT-VALUE}).")
        long assets;
        @Option(names = "--dir", description = "Working folder (default: a temporary folder, deleted after).")
        Path dir;
        @Option(names = "--trees", defaultValue = "300", description = "Boosting rounds of the model scored (default "
                + "${DEFAULT-VALUE}, as a trained model has): explaining every asset walks every tree.")
        int trees;
        @Option(names = "--depth", defaultValue = "3", description = "Tree depth of the model scored (default ${DEFAULT-VALUE}).")
        int depth;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("breakwater-bench");
            HyperParameters h = HyperParameters.defaults().withTrees(trees).withMaxDepth(depth);
            MlBenchmarks.ScoreBenchmark b = MlBenchmarks.score(work, assets, h, 42L,
                    new ConsoleProgress(out, false, !OutputOptions.quiet(spec)));
            out.printf("bench score: %,d assets; setup %.1f s, train %.1f s, score %.1f s (read, predict, explain, "
                    + "rank, write)%n", b.assets(), b.setupSeconds(), b.trainSeconds(), b.scoreSeconds());
            if (dir == null) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return 0;
        }
    }
}
