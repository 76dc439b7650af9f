package io.breakwater.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.breakwater.db.BreakwaterException;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.ModelSelection;
import io.breakwater.ml.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code model.selection} of a pipeline config: how each training window chooses its ranker by an inner validation
 * before its cut-off ({@link ModelSelection}). By default on, with both targets and the configured learner settings
 * (three fits per window instead of one).
 *
 * <pre>
 * selection:
 *   enabled: true                      # false: the configured learner as it is
 *   targets: [any_break, break_count]  # default: the configured target and the other one
 *   grid:                              # default: the configured trees, depth and learning rate
 *     - { trees: 300, depth: 3, learningRate: 0.05 }
 *     - { trees: 200, depth: 5, learningRate: 0.1 }
 *   baselines: true                    # a baseline may be chosen
 *   blend: true                        # the blend of the best learner and the strongest baseline may be chosen
 * </pre>
 *
 * @param enabled   default true
 * @param targets   targets tried
 * @param grid      learner settings tried
 * @param baselines default true
 * @param blend     default true
 */
public record SelectionConfig(Boolean enabled, List<String> targets, List<Grid> grid, Boolean baselines,
        Boolean blend) {

    @JsonCreator
    public SelectionConfig {
        enabled = enabled == null || enabled;
        targets = targets == null ? List.of() : List.copyOf(targets);
        grid = grid == null ? List.of() : List.copyOf(grid);
        baselines = baselines == null || baselines;
        blend = blend == null || blend;
    }

    /** The default: on, both targets, the configured learner settings, baselines and the blend. */
    public static SelectionConfig defaults() {
        return new SelectionConfig(null, null, null, null, null);
    }

    /** One grid entry; a null knob keeps the configured one. */
    public record Grid(Integer trees, Integer depth, Double learningRate) {
    }

    /** The selection for ml-core, each grid entry applied over the configured learner settings {@code base}. */
    public ModelSelection toSelection(HyperParameters base) {
        if (!enabled) {
            return ModelSelection.none();
        }
        List<HyperParameters> settings = new ArrayList<>();
        for (Grid g : grid) {
            HyperParameters h = base;
            h = g.trees() == null ? h : h.withTrees(g.trees());
            h = g.depth() == null ? h : h.withMaxDepth(g.depth());
            settings.add(g.learningRate() == null ? h : h.withLearningRate(g.learningRate()));
        }
        return new ModelSelection(true, targets.stream().map(Target::parse).toList(), settings, baselines, blend);
    }

    /** What cannot work, one message per key, for the config's validation. */
    List<String> problems(String algorithm) {
        List<String> out = new ArrayList<>();
        for (String t : targets) {
            if (!List.of("any_break", "break_count").contains(t)) {
                out.add("model.selection.targets: '" + t + "' is not one of any_break, break_count");
            } else if (t.equals("break_count") && algorithm.equals("logistic")) {
                out.add("model.selection.targets: break_count needs algorithm xgboost or java_gbm");
            }
        }
        for (int i = 0; i < grid.size(); i++) {
            try {
                new SelectionConfig(true, List.of(), List.of(grid.get(i)), true, true)
                        .toSelection(HyperParameters.defaults());
            } catch (BreakwaterException e) {
                out.add("model.selection.grid[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }
}
