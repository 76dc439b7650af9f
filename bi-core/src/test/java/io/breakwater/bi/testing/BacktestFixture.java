package io.breakwater.bi.testing;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;

import io.breakwater.db.schema.tables.records.ModelEvaluationsRecord;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A stored evaluation for the demo store: every asset of the demo feature set scored in test years 2015 and 2016, the
 * asset listed first ranked riskiest, as {@code evaluation_backtest_scores} holds them.
 */
public final class BacktestFixture {
    public static final String EVALUATION_ID = "eval-demo";
    public static final List<Integer> TEST_YEARS = List.of(2015, 2016);

    private BacktestFixture() {
    }

    /** An evaluation of the demo feature set by XGBoost, any-break target, not yet inserted. */
    public static ModelEvaluationsRecord evaluation(DSLContext dsl, String id, String name, String testYears,
            LocalDateTime createdAt) {
        var e = dsl.newRecord(MODEL_EVALUATIONS);
        e.setEvaluationId(id);
        e.setName(name);
        e.setFeatureSetId(DemoFixture.FEATURE_SET);
        e.setAlgorithm("xgboost");
        e.setTarget("any_break");
        e.setGrain("pipe");
        e.setHorizonMonths(12);
        e.setSeed(42L);
        e.setTestYears(testYears);
        e.setConfigJson("{}");
        e.setCreatedAt(createdAt);
        e.setBreakwaterVersion("test");
        return e;
    }

    public static void fill(DSLContext dsl) {
        var e = evaluation(dsl, EVALUATION_ID, "xgboost-any_break", "2015,2016",
                LocalDateTime.of(2019, 1, 1, 9, 0));  // older than the evaluations other tests add
        e.insert();
        List<String> assets = dsl.select(FEATURE_ASSETS.ASSET_ID).from(FEATURE_ASSETS)
                .where(FEATURE_ASSETS.FEATURE_SET_ID.eq(DemoFixture.FEATURE_SET)).orderBy(FEATURE_ASSETS.ASSET_ID)
                .fetch(FEATURE_ASSETS.ASSET_ID);
        for (int year : TEST_YEARS) {
            for (int i = 0; i < assets.size(); i++) {
                var s = dsl.newRecord(EVALUATION_BACKTEST_SCORES);
                s.setEvaluationId(EVALUATION_ID);
                s.setTestYear(year);
                s.setAssetId(assets.get(i));
                s.setScore(1.0 / (i + 1));
                s.setScorePerKm(2.0 / (i + 1));
                s.setScoreRank(i + 1);
                s.setRankPerKm(i + 1);
                s.setBreaksObserved(i % 7 == 0 ? 1.0 : 0.0);
                s.setRanker("xgboost:any_break:per_size");
                s.insert();
            }
        }
    }
}
