package io.breakwater.cli;

import io.breakwater.ml.HyperParameters;
import picocli.CommandLine.Option;

/** The learner's size: boosting rounds, tree depth, threads; a mixin of {@code model train|evaluate} and the ML benches. */
final class LearnerOptions {
    @Option(names = "--trees", defaultValue = "300", description = "Boosting rounds (default ${DEFAULT-VALUE}).")
    int trees;
    @Option(names = "--depth", defaultValue = "3", description = "Tree depth (default ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--threads", defaultValue = "1",
            description = "XGBoost threads (default ${DEFAULT-VALUE}; measure before raising on small machines).")
    int threads;

    /** The default hyper-parameters with these trees, depth and threads. */
    HyperParameters hyper() {
        return HyperParameters.defaults().withTrees(trees).withMaxDepth(depth).withThreads(threads);
    }
}
