package io.breakwater.ml;

/**
 * Knobs of the learners. Tree learners use trees, depth, learning rate, minimum child weight, row and column
 * subsampling and threads; logistic regression uses epochs.
 *
 * @param trees          boosting rounds
 * @param maxDepth       maximum tree depth
 * @param learningRate   shrinkage (XGBoost's eta)
 * @param minChildWeight minimum hessian in a leaf
 * @param subsample      share of rows per tree
 * @param colsample      share of columns per tree (XGBoost)
 * @param threads        XGBoost nthread; 1 measured fastest on a 2-core machine for small data, see docs/model-card.md
 * @param epochs         logistic regression passes over the data
 */
public record HyperParameters(int trees, int maxDepth, double learningRate, double minChildWeight, double subsample,
        double colsample, int threads, int epochs) {

    public HyperParameters {
        require(trees >= 1 && trees <= 10_000, "trees", trees, "1..10000");
        require(maxDepth >= 1 && maxDepth <= 16, "maxDepth", maxDepth, "1..16");
        require(learningRate > 0 && learningRate <= 1, "learningRate", learningRate, "in (0, 1]");
        require(minChildWeight >= 0, "minChildWeight", minChildWeight, ">= 0");
        require(subsample > 0 && subsample <= 1, "subsample", subsample, "in (0, 1]");
        require(colsample > 0 && colsample <= 1, "colsample", colsample, "in (0, 1]");
        require(threads >= 1, "threads", threads, ">= 1");
        require(epochs >= 1, "epochs", epochs, ">= 1");
    }

    private static void require(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new io.breakwater.db.BreakwaterException(io.breakwater.db.ErrorCode.INVALID_CONFIGURATION,
                    "hyper-parameter " + name + " = " + value + " is out of range: expected " + expected);
        }
    }

    /**
     * 300 trees of depth 3, learning rate 0.05, 80 % rows and columns, one thread. Depth 3: on the synthetic city at
     * pipe grain depth 5 held 0.877 of the oracle's top-10 %-length share where depth 3 held 0.948; on Toronto at area
     * grain the two gave the same pooled figures (docs/model-card.md).
     */
    public static HyperParameters defaults() {
        return new HyperParameters(300, 3, 0.05, 1.0, 0.8, 0.8, 1, 5);
    }

    public HyperParameters withTrees(int n) {
        return new HyperParameters(n, maxDepth, learningRate, minChildWeight, subsample, colsample, threads, epochs);
    }

    public HyperParameters withMaxDepth(int d) {
        return new HyperParameters(trees, d, learningRate, minChildWeight, subsample, colsample, threads, epochs);
    }

    public HyperParameters withLearningRate(double eta) {
        return new HyperParameters(trees, maxDepth, eta, minChildWeight, subsample, colsample, threads, epochs);
    }

    public HyperParameters withThreads(int n) {
        return new HyperParameters(trees, maxDepth, learningRate, minChildWeight, subsample, colsample, n, epochs);
    }
}
