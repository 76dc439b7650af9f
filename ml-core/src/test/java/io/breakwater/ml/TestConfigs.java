package io.breakwater.ml;

/** Small, fast training settings for tests. */
final class TestConfigs {
    private TestConfigs() {
    }

    static TrainingConfig fast(String featureSet) {
        return TrainingConfig.of(featureSet).withHyper(HyperParameters.defaults().withTrees(120).withMaxDepth(4)
                .withLearningRate(0.08));
    }
}
