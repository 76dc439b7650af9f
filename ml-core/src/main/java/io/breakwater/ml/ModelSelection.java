package io.breakwater.ml;

import java.util.List;
import java.util.Objects;

/**
 * How a training window chooses its ranker: a time-based inner validation inside the window (the year before the
 * cut-off, labels ending before it) scores candidate rankers on the headline metric and keeps the best. Candidates:
 * each target x each grid entry, ranked per asset and per km (per km² at coarse grains); every baseline; and a blend of
 * the best learner with the strongest baseline (the mean of their percentile ranks).
 *
 * @param enabled   false: the configured learner is used as it is (one fit per window)
 * @param targets   targets to try; empty means the configured one, plus break_count / any_break where the learner
 *                  supports both
 * @param grid      learner settings to try; empty means the configured ones
 * @param baselines whether a baseline may be chosen
 * @param blend     whether the blend of learner and baseline may be chosen
 */
public record ModelSelection(boolean enabled, List<Target> targets, List<HyperParameters> grid, boolean baselines,
        boolean blend) {

    public ModelSelection {
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        grid = List.copyOf(Objects.requireNonNull(grid, "grid"));
    }

    /** No inner validation: the configured learner, as before. */
    public static ModelSelection none() {
        return new ModelSelection(false, List.of(), List.of(), false, false);
    }

    /**
     * Both targets with the configured learner settings, baselines and the blend: three fits per training window
     * instead of one (two inner candidates and the chosen one at the cut-off).
     */
    public static ModelSelection defaults() {
        return new ModelSelection(true, List.of(), List.of(), true, true);
    }

    public ModelSelection withGrid(List<HyperParameters> g) {
        return new ModelSelection(enabled, targets, g, baselines, blend);
    }

    public ModelSelection withTargets(List<Target> t) {
        return new ModelSelection(enabled, t, grid, baselines, blend);
    }
}
