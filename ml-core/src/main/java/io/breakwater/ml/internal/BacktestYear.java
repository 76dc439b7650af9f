package io.breakwater.ml.internal;

import io.breakwater.db.BulkWriter;

/**
 * One test year's per-asset back-test scores by the reported ranker, held as columns until the evaluation is
 * written: a utility of 300,000 pipes has 1.5 million of them in a five-year back-test, which as jOOQ records took
 * about 300 bytes each.
 *
 * @param year       the test year
 * @param ranker     the ranker that produced the scores
 * @param assets     asset ids, per row
 * @param score      the score (higher = riskier), finite
 * @param scorePerKm score per km, or null at coarse grains (a row's NaN is written as NULL)
 * @param rank       1 = riskiest, by score
 * @param rankPerKm  1 = riskiest per km, or null
 * @param breaks     breaks observed in the test window
 */
record BacktestYear(int year, String ranker, String[] assets, double[] score, double[] scorePerKm, int[] rank,
        int[] rankPerKm, float[] breaks) {

    /** Adds the rows in {@code evaluation_backtest_scores} column order. */
    void writeTo(BulkWriter writer, String evaluationId) {
        for (int i = 0; i < assets.length; i++) {
            writer.add(evaluationId, year, assets[i], score[i],
                    scorePerKm == null ? null : Registry.finite(scorePerKm[i]), rank[i],
                    rankPerKm == null ? null : rankPerKm[i], (double) breaks[i], ranker);
        }
    }
}
