package io.breakwater.ml.internal;

/** A row of {@code feature_sets}: what a model records about the features it was trained on. */
public record FeatureSetInfo(String id, String name, String version, String definitionHash, String grain,
        int horizonMonths, Long rowCount) {

    public boolean pipeGrain() {
        return "pipe".equalsIgnoreCase(grain);
    }
}
