package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;

import io.breakwater.db.schema.tables.records.DimModelRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The model's lift over its strongest baseline, the rule the report and ml-core share. The headline metric is
 * {@code break_share_top_5pct_length} when the grain is pipe and lengths exist, else
 * {@code break_share_top_10pct_assets}; the strongest baseline is the baseline scorer ({@code is_baseline}) with the
 * highest mean of that metric over the test years ({@code period_year} not null) of the yearly models of the newest
 * rolling evaluation of the model's feature set, algorithm and target, the evaluation whose comparison the pipeline
 * prints (its yearly models may carry either target's name when the inner validation chose the other target's
 * learner); without one, of every model of the same name. The lift is model minus that baseline, per test year.
 * Computed in SQL over {@code fct_model_metric}, so that it holds for whatever baselines a store has.
 *
 * @param metric   the headline metric
 * @param baseline the strongest baseline scorer, null when there is none
 * @param years    the test years with both figures, in order
 * @param lifts    model minus baseline, per year of {@code years}
 */
public record LiftOverBaseline(String metric, String baseline, List<Integer> years, List<Double> lifts) {
    static final String BY_LENGTH = "break_share_top_5pct_length";
    static final String BY_ASSETS = "break_share_top_10pct_assets";

    /** The per-year lifts of the models that {@code %s} selects by one bound value. */
    private static final String PER_YEAR = """
            WITH m AS (
              SELECT f.scorer AS scorer, f.is_baseline AS is_baseline, f.period_year AS period_year,
                     avg(f.metric_value) AS v
              FROM fct_model_metric f %s = ?
              WHERE f.metric = ? AND f.period_year IS NOT NULL AND f.metric_value IS NOT NULL
              GROUP BY f.scorer, f.is_baseline, f.period_year
            ), best AS (
              SELECT scorer FROM m WHERE is_baseline GROUP BY scorer ORDER BY avg(v) DESC, scorer LIMIT 1
            )
            SELECT m.period_year, m.v - b.v AS lift, b.scorer
            FROM m JOIN m b ON b.period_year = m.period_year AND b.scorer = (SELECT scorer FROM best)
            WHERE m.scorer = 'model'
            ORDER BY m.period_year""";

    public LiftOverBaseline {
        years = List.copyOf(years);
        lifts = List.copyOf(lifts);
    }

    /** The headline metric of the models named {@code modelName} at {@code grain}. */
    public static String headlineMetric(DSLContext dsl, String modelName, String grain) {
        if (!"pipe".equals(grain)) {
            return BY_ASSETS;
        }
        Integer withLength = dsl.fetchOne("SELECT count(*) FROM fct_model_metric f JOIN dim_model d "
                + "ON d.model_key = f.model_key WHERE d.name = ? AND f.metric = ? AND f.metric_value IS NOT NULL",
                modelName, BY_LENGTH).get(0, Integer.class);
        return withLength != null && withLength > 0 ? BY_LENGTH : BY_ASSETS;
    }

    /** The lift of {@code model}: over its newest evaluation's test years, else over the models of its name. */
    public static LiftOverBaseline of(DSLContext dsl, DimModelRecord model) {
        String evaluation = dsl.select(MODEL_EVALUATIONS.EVALUATION_ID).from(MODEL_EVALUATIONS)
                .where(MODEL_EVALUATIONS.FEATURE_SET_ID.eq(model.getFeatureSetId()))
                .and(MODEL_EVALUATIONS.ALGORITHM.eq(model.getAlgorithm()))
                .and(MODEL_EVALUATIONS.TARGET.eq(model.getTarget()))
                .orderBy(MODEL_EVALUATIONS.CREATED_AT.desc(), MODEL_EVALUATIONS.EVALUATION_ID.desc()).limit(1)
                .fetchOne(MODEL_EVALUATIONS.EVALUATION_ID);
        String metric = headlineMetric(dsl, model.getName(), model.getGrain());
        if (evaluation != null) {
            LiftOverBaseline lift = query(dsl, "JOIN model_registry r ON r.model_id = f.model_key AND r.evaluation_id",
                    evaluation, metric);
            if (lift.known()) {
                return lift;
            }
        }
        return query(dsl, "JOIN dim_model d ON d.model_key = f.model_key AND d.name", model.getName(), metric);
    }

    /** The lift of the models named {@code modelName} at {@code grain}. */
    public static LiftOverBaseline of(DSLContext dsl, String modelName, String grain) {
        return query(dsl, "JOIN dim_model d ON d.model_key = f.model_key AND d.name", modelName,
                headlineMetric(dsl, modelName, grain));
    }

    private static LiftOverBaseline query(DSLContext dsl, String models, String value, String metric) {
        List<Integer> years = new ArrayList<>();
        List<Double> lifts = new ArrayList<>();
        String baseline = null;
        for (Record r : dsl.resultQuery(String.format(Locale.ROOT, PER_YEAR, models), value, metric).fetch()) {
            years.add(r.get(0, Integer.class));
            lifts.add(r.get(1, Double.class));
            baseline = r.get(2, String.class);
        }
        return new LiftOverBaseline(metric, baseline, years, lifts);
    }

    public boolean known() {
        return !lifts.isEmpty();
    }

    public double mean() {
        return lifts.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation over the years; NaN with fewer than two. */
    public double sd() {
        if (lifts.size() < 2) {
            return Double.NaN;
        }
        double mean = mean();
        double ss = lifts.stream().mapToDouble(l -> (l - mean) * (l - mean)).sum();
        return Math.sqrt(ss / (lifts.size() - 1));
    }

    /** Years in which the model beat the baseline. */
    public long yearsAhead() {
        return lifts.stream().filter(l -> l > 0).count();
    }

    /** "+0.015" or "−0.004": the mean lift with its sign always shown. */
    public String signedMean() {
        return String.format(Locale.ROOT, "%+.3f", mean()).replace('-', '\u2212');
    }

    /** What the lift says, in words. */
    public String sentence() {
        if (!known()) {
            return "no test years with a baseline to compare against";
        }
        String spread = lifts.size() < 2 ? "one test year" : String.format(Locale.ROOT, "sd %.3f over %d test years",
                sd(), lifts.size());
        return String.format(Locale.ROOT, "%s %s on %s (%s); ahead in %d of %d", mean() >= 0 ? "ahead of" : "behind",
                baseline, metricLabel(metric), spread, yearsAhead(), lifts.size());
    }

    static String metricLabel(String metric) {
        return switch (metric) {
            case BY_LENGTH -> "share of breaks in the top 5% of length";
            case BY_ASSETS -> "share of breaks in the top 10% of assets";
            default -> metric.replace('_', ' ');
        };
    }
}
