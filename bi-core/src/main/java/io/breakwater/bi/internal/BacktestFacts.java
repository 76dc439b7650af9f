package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.FCT_BACKTEST_SCORE;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;

import io.breakwater.db.schema.tables.records.FctBacktestScoreRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * {@code fct_backtest_score}: every asset's score, ranks and observed breaks in every test year of every evaluation
 * ({@code evaluation_backtest_scores}), keyed to the asset, its area, the test year's 1 January in {@code dim_date}
 * and the test year's back-test model in {@code dim_model}. Nothing when no evaluation has run.
 */
public final class BacktestFacts implements StarStep {

    @Override
    public void build(StarContext context) {
        DSLContext dsl = context.dsl();
        var s = EVALUATION_BACKTEST_SCORES;
        Map<String, Integer> assetsPerYear = new HashMap<>();
        for (Record r : dsl.select(s.EVALUATION_ID, s.TEST_YEAR, DSL.count()).from(s)
                .groupBy(s.EVALUATION_ID, s.TEST_YEAR).fetch()) {
            assetsPerYear.put(r.get(s.EVALUATION_ID) + "@" + r.get(s.TEST_YEAR), r.get(2, Integer.class));
        }
        Map<String, String> foldModels = new HashMap<>();
        for (Record r : dsl.select(MODEL_REGISTRY.EVALUATION_ID, MODEL_REGISTRY.TEST_MONTH, MODEL_REGISTRY.MODEL_ID)
                .from(MODEL_REGISTRY).where(MODEL_REGISTRY.EVALUATION_ID.isNotNull())
                .and(MODEL_REGISTRY.TEST_MONTH.isNotNull()).fetch()) {
            // test year Y is scored on the December Y-1 row
            foldModels.put(r.get(MODEL_REGISTRY.EVALUATION_ID) + "@" + (r.get(MODEL_REGISTRY.TEST_MONTH).getYear() + 1),
                    r.get(MODEL_REGISTRY.MODEL_ID));
        }
        List<FctBacktestScoreRecord> rows = new ArrayList<>();
        for (Record r : dsl.select(s.fields()).select(MODEL_EVALUATIONS.TARGET).from(s)
                .join(MODEL_EVALUATIONS).on(MODEL_EVALUATIONS.EVALUATION_ID.eq(s.EVALUATION_ID))
                .orderBy(s.EVALUATION_ID, s.TEST_YEAR, s.SCORE_RANK).fetch()) {
            String evaluation = r.get(s.EVALUATION_ID);
            int year = r.get(s.TEST_YEAR);
            String key = evaluation + "@" + year;
            int n = assetsPerYear.get(key);
            int rank = r.get(s.SCORE_RANK);
            context.dataYear(year);
            rows.add(new FctBacktestScoreRecord(evaluation, year, year * 10_000 + 101, r.get(s.ASSET_ID),
                    context.areaOf(r.get(s.ASSET_ID)), foldModels.get(key), r.get(MODEL_EVALUATIONS.TARGET),
                    r.get(s.RANKER), r.get(s.SCORE), r.get(s.SCORE_PER_KM), rank, r.get(s.RANK_PER_KM),
                    100.0 * (n - rank + 1) / n, r.get(s.BREAKS_OBSERVED)));
        }
        context.insert(FCT_BACKTEST_SCORE, rows);
    }
}
