package io.breakwater.forecast.internal;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What the risk model stored of its expected breaks, read from the database only (never from ml-core): per test year
 * of the latest count-target evaluation, each asset's score where the year's reported ranker is the count learner
 * (so the score is its expected breaks over the evaluation's horizon, scored on the December row before the year),
 * and the latest risk scores' expected breaks for the forecast itself. Summed per area of the history. A year whose
 * ranker is a baseline, a blend or ranks per km² stored no expected breaks: the candidate has no forecast there.
 */
final class CountModelScores {
    private final Map<Integer, double[]> areaExpected = new TreeMap<>();
    private final Map<Integer, String> missing = new TreeMap<>();
    private final int[] pipeMatched;
    private final boolean pipeGrain;
    private final int horizon;
    private final String absent;

    private CountModelScores(int horizon, boolean pipeGrain, int[] pipeMatched, String absent) {
        this.horizon = horizon;
        this.pipeGrain = pipeGrain;
        this.pipeMatched = pipeMatched;
        this.absent = absent;
    }

    /** No scores: the forecast runs without a risk model. */
    private static CountModelScores none(String reason) {
        return new CountModelScores(0, false, null, reason);
    }

    /** Reads the latest count-target evaluation's back-test scores and the latest risk scores. */
    static CountModelScores read(DSLContext dsl, BreakHistory h) {
        var evaluation = dsl.select(MODEL_EVALUATIONS.EVALUATION_ID, MODEL_EVALUATIONS.FEATURE_SET_ID,
                        MODEL_EVALUATIONS.HORIZON_MONTHS, MODEL_EVALUATIONS.GRAIN).from(MODEL_EVALUATIONS)
                .where(MODEL_EVALUATIONS.TARGET.eq("break_count"))
                .orderBy(MODEL_EVALUATIONS.CREATED_AT.desc(), MODEL_EVALUATIONS.EVALUATION_ID.desc()).limit(1).fetchOne();
        if (evaluation == null) {
            return none("no evaluation of a break_count risk model is stored");
        }
        int horizon = evaluation.value3();
        if (horizon < 12) {
            return none("the count model's evaluation forecasts " + horizon + " months, fewer than the 12 a year needs");
        }
        boolean pipeGrain = "pipe".equals(evaluation.value4());
        CountModelScores out = new CountModelScores(horizon, pipeGrain, pipeGrain ? pipeMatched(dsl, h) : null, null);
        Map<String, Integer> areaIndex = new HashMap<>();
        for (int a = 0; a < h.areaIds.size(); a++) {
            areaIndex.put(h.areaIds.get(a), a);
        }
        Map<String, Integer> assetArea = assetAreas(dsl, evaluation.value2(), areaIndex);
        var s = EVALUATION_BACKTEST_SCORES;
        for (var r : dsl.select(s.TEST_YEAR, s.RANKER, s.ASSET_ID, s.SCORE, s.SCORE_PER_KM).from(s)
                .where(s.EVALUATION_ID.eq(evaluation.value1())).orderBy(s.TEST_YEAR).fetch()) {
            int origin = (int) (BreakHistory.index(YearMonth.of(r.value1(), 1)) - BreakHistory.index(h.first));
            if (!countRanker(r.value2(), r.value5() != null)) {
                out.missing.putIfAbsent(r.value1(), r.value2());
                continue;
            }
            add(out.areaExpected.computeIfAbsent(origin, k -> new double[h.areaIds.size()]), assetArea, r.value3(),
                    r.value4());
        }
        out.missing.keySet().forEach(year -> out.areaExpected.remove(
                (int) (BreakHistory.index(YearMonth.of(year, 1)) - BreakHistory.index(h.first))));
        var latest = dsl.select(PIPE_BREAK_RISK_SCORES.SCORE_MONTH, PIPE_BREAK_RISK_SCORES.MODEL_ID)
                .from(PIPE_BREAK_RISK_SCORES).where(PIPE_BREAK_RISK_SCORES.EXPECTED_BREAKS.isNotNull())
                .and(PIPE_BREAK_RISK_SCORES.HORIZON_MONTHS.ge(12))
                .orderBy(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.desc(), PIPE_BREAK_RISK_SCORES.SCORED_AT.desc()).limit(1)
                .fetchOne();
        if (latest != null) {
            String featureSet = dsl.select(MODEL_REGISTRY.FEATURE_SET_ID).from(MODEL_REGISTRY)
                    .where(MODEL_REGISTRY.MODEL_ID.eq(latest.value2())).fetchOne(MODEL_REGISTRY.FEATURE_SET_ID);
            Map<String, Integer> live = featureSet == null ? assetArea : assetAreas(dsl, featureSet, areaIndex);
            int origin = (int) (BreakHistory.index(YearMonth.from(latest.value1())) - BreakHistory.index(h.first)) + 1;
            double[] sums = new double[h.areaIds.size()];
            for (var r : dsl.select(PIPE_BREAK_RISK_SCORES.ASSET_ID, PIPE_BREAK_RISK_SCORES.EXPECTED_BREAKS)
                    .from(PIPE_BREAK_RISK_SCORES).where(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.eq(latest.value1()))
                    .and(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(latest.value2())).fetch()) {
                add(sums, live, r.value1(), r.value2());
            }
            out.areaExpected.putIfAbsent(origin, sums);
        }
        return out;
    }

    /**
     * True when a stored score is the count learner's expected breaks: the ranker names the break_count target and
     * is neither a baseline nor a blend, and ranks per asset (or per km, where the score stays the count and the
     * per-km value sits beside it).
     */
    static boolean countRanker(String ranker, boolean perKmStored) {
        String[] parts = ranker.split(":");
        if (parts.length < 2 || parts[0].equals("baseline") || parts[0].equals("blend")
                || !parts[1].equals("break_count")) {
            return false;
        }
        return parts.length == 2 || parts[2].equals("per_asset") || (parts[2].equals("per_size") && perKmStored);
    }

    private static void add(double[] sums, Map<String, Integer> assetArea, String assetId, Double expected) {
        Integer a = assetArea.get(assetId);
        if (a != null && expected != null && Double.isFinite(expected)) {
            sums[a] += Math.max(0, expected);
        }
    }

    private static Map<String, Integer> assetAreas(DSLContext dsl, String featureSetId, Map<String, Integer> index) {
        Map<String, Integer> out = new HashMap<>();
        for (var r : dsl.select(FEATURE_ASSETS.ASSET_ID, FEATURE_ASSETS.AREA_ID).from(FEATURE_ASSETS)
                .where(FEATURE_ASSETS.FEATURE_SET_ID.eq(featureSetId)).fetch()) {
            Integer a = r.value2() == null ? null : index.get(r.value2());
            if (a != null) {
                out.put(r.value1(), a);
            }
        }
        return out;
    }

    /** Breaks per month with an area and a matched pipe: what a pipe-grain count model counts. */
    private static int[] pipeMatched(DSLContext dsl, BreakHistory h) {
        int[] out = new int[h.months];
        for (var r : dsl.select(PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH, DSL.count())
                .from(PIPE_BREAKS_CLEAN).where(PIPE_BREAKS_CLEAN.PIPE_ID.isNotNull())
                .and(PIPE_BREAKS_CLEAN.AREA_ID.isNotNull())
                .groupBy(PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH).fetch()) {
            long t = BreakHistory.index(YearMonth.of(r.value1(), r.value2())) - BreakHistory.index(h.first);
            if (t >= 0 && t < h.months) {
                out[(int) t] = r.value3();
            }
        }
        return out;
    }

    /**
     * The expected breaks per area over the {@link #horizon()} months from {@code origin} as the model stored them
     * the month before, or null where it stored none.
     */
    double[] areaExpected(int origin) {
        return areaExpected.get(origin);
    }

    /** Months the stored expectations cover from their origin. */
    int horizon() {
        return horizon;
    }

    /**
     * The share of an area's breaks in the months before {@code origin} that the model counts: at pipe grain the
     * breaks matched to a pipe (over the last {@value FittedModel#SHARE_YEARS} years), else all of them.
     */
    double countedShare(BreakHistory h, int origin) {
        if (!pipeGrain) {
            return 1;
        }
        double matched = 0;
        double withArea = 0;
        for (int t = Math.max(0, origin - 12 * FittedModel.SHARE_YEARS); t < origin; t++) {
            matched += pipeMatched[t];
            for (int[] counts : h.areaCounts) {
                withArea += counts[t];
            }
        }
        return withArea == 0 ? 1 : Math.max(0.05, (matched + 0.5) / (withArea + 0.5));
    }

    /**
     * Why the candidate cannot be back-tested over {@code origins} and forecast from {@code live}, or null when it
     * can.
     */
    String skipReason(BreakHistory h, List<Integer> origins, int live) {
        if (absent != null) {
            return absent;
        }
        List<String> gaps = new ArrayList<>();
        for (int o : origins) {
            if (areaExpected(o) == null) {
                int year = h.monthAt(o).getYear();
                gaps.add(year + (missing.containsKey(year) ? " (ranked by " + missing.get(year) + ")" : ""));
            }
        }
        if (!gaps.isEmpty()) {
            return "the count model's expected breaks are not stored for back-test year(s) " + String.join(", ", gaps)
                    + ": a year ranked by a baseline, a blend or per km² stores no expected breaks";
        }
        if (areaExpected(live) == null) {
            LocalDate month = h.monthAt(live - 1).atDay(1);
            return "no risk scores with expected breaks for " + YearMonth.from(month)
                    + " (the month before the forecast)";
        }
        return null;
    }
}
