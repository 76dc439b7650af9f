package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.RiskBands;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScoringResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater score --month YYYY-MM}: write every asset's risk for a month. */
@Command(name = "score")
final class ScoreCommand extends StoreCommand {
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "Feature month to score.")
    String month;
    @Option(names = "--model", paramLabel = "MODEL_ID", description = "Model to use (default: the newest final model; back-test folds only when named).")
    String modelId;
    @Option(names = "--bands", paramLabel = "NAME:PCT,...", description = "Risk classes by percentile, default "
            + "very_high:99,high:95,elevated:80,moderate:50,low:0.")
    String bands;

    @Override
    public Integer call() {
        YearMonth m = ModelCommand.month(month, "--month");
        RiskBands riskBands = bands == null ? RiskBands.defaults() : RiskBands.parse(bands);
        return onStore(Access.EXISTING, (store, out) -> {
            RiskModels ml = ModelCommand.ml(store, (Path) null, spec);
            String id = modelId;
            if (id == null) {
                // only a final model: a back-test fold was trained on a shorter window for one test year
                id = ml.latestFinalModel().modelId();
            }
            ScoringResult r = ml.score(id, m, riskBands);
            out.printf("%s: %,d assets scored for %s with model %s (horizon %d months)%n", store.location(),
                    r.assetsScored(), r.month(), r.modelId(), r.horizonMonths());
            out.printf("ranked by %s%n", r.rankedBy().equals("learner") ? "the model's learner"
                    : r.rankedBy() + " (the ranker its inner validation chose)");
            out.printf("mean probability %.4f; breaks expected over the horizon %.1f%n", r.meanProbability(),
                    r.expectedBreaks());
            r.classCounts().forEach((k, v) -> out.printf("  %-12s %,10d%n", k, v));
        });
    }
}
