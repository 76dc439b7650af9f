package io.breakwater.ml.internal;

import io.breakwater.ml.ReliabilityBin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking and calibration metrics of one scorer on one set of assets. Ties in a ranking are broken by a per-asset
 * key derived from the seed, never by input order; ROC AUC counts ties as half.
 */
public final class Metrics {
    public static final double[] TOP = {0.01, 0.05, 0.10};

    private Metrics() {
    }

    /** What a scorer said about a set of assets, and what happened. */
    public static final class Input {
        public double[] score;        // higher = riskier (ranking per asset)
        public double[] scorePerKm;   // ranking per km, or null
        public double[] probability;  // calibrated probability, or null (baselines)
        public double[] expected;     // expected breaks (count models), or null
        public int[] y;               // any break in the horizon
        public float[] breaks;        // breaks in the horizon
        public double[] lengthKm;     // asset length, or null at coarse grains
        public long[] tieKeys;

        public Input() {
        }

        /** Room for {@code n} per-km-ranked assets: score, score per km, labels, breaks, lengths and tie keys. */
        public static Input perKm(int n) {
            Input in = new Input();
            in.score = new double[n];
            in.scorePerKm = new double[n];
            in.y = new int[n];
            in.breaks = new float[n];
            in.lengthKm = new double[n];
            in.tieKeys = new long[n];
            return in;
        }
    }

    public record Result(Map<String, Double> values, List<ReliabilityBin> reliability) {
    }

    public static Result compute(Input in) {
        int n = in.y.length;
        Map<String, Double> m = new LinkedHashMap<>();
        long positives = 0;
        double totalBreaks = 0;
        for (int i = 0; i < n; i++) {
            positives += in.y[i];
            totalBreaks += in.breaks[i];
        }
        double baseRate = n == 0 ? Double.NaN : (double) positives / n;
        m.put("assets", (double) n);
        m.put("positives", (double) positives);
        m.put("breaks", totalBreaks);
        m.put("base_rate", baseRate);
        int[] order = order(in.score, in.tieKeys);
        m.put("roc_auc", rocAuc(order, in.score, in.y, positives));
        m.put("pr_auc", averagePrecision(order, in.y, positives));
        for (double k : TOP) {
            int top = Math.max(1, (int) Math.ceil(k * n));
            long hits = 0;
            double br = 0;
            for (int i = 0; i < top && i < n; i++) {
                hits += in.y[order[i]];
                br += in.breaks[order[i]];
            }
            String pct = (int) Math.round(k * 100) + "pct";
            double precision = (double) hits / top;
            m.put("precision_top_" + pct, precision);
            m.put("recall_top_" + pct, positives == 0 ? Double.NaN : (double) hits / positives);
            m.put("lift_top_" + pct, baseRate > 0 ? precision / baseRate : Double.NaN);
            m.put("break_share_top_" + pct + "_assets", totalBreaks > 0 ? br / totalBreaks : Double.NaN);
        }
        if (in.lengthKm != null && in.scorePerKm != null) {
            double totalKm = 0;
            for (double l : in.lengthKm) {
                totalKm += Double.isNaN(l) ? 0 : l;
            }
            int[] byKm = order(in.scorePerKm, in.tieKeys);
            for (double k : TOP) {
                double budget = k * totalKm;
                double used = 0;
                double br = 0;
                for (int i = 0; i < n && used < budget; i++) {
                    double l = in.lengthKm[byKm[i]];
                    used += Double.isNaN(l) ? 0 : l;
                    br += in.breaks[byKm[i]];
                }
                m.put("break_share_top_" + (int) Math.round(k * 100) + "pct_length",
                        totalBreaks > 0 ? br / totalBreaks : Double.NaN);
            }
        }
        List<ReliabilityBin> reliability = List.of();
        if (in.probability != null) {
            double brier = 0;
            double sumP = 0;
            for (int i = 0; i < n; i++) {
                brier += (in.probability[i] - in.y[i]) * (in.probability[i] - in.y[i]);
                sumP += in.probability[i];
            }
            m.put("brier", brier / n);
            m.put("predicted_positives", sumP);
            m.put("predicted_actual_ratio", positives > 0 ? sumP / positives : Double.NaN);
            reliability = reliability(in.probability, in.y);
        }
        if (in.expected != null) {
            double sumE = 0;
            double deviance = 0;
            for (int i = 0; i < n; i++) {
                double mu = Math.max(1e-12, in.expected[i]);
                sumE += mu;
                double yv = in.breaks[i];
                deviance += 2 * ((yv > 0 ? yv * Math.log(yv / mu) : 0) - (yv - mu));
            }
            m.put("predicted_breaks", sumE);
            m.put("predicted_actual_breaks_ratio", totalBreaks > 0 ? sumE / totalBreaks : Double.NaN);
            m.put("poisson_deviance_mean", deviance / n);
        }
        return new Result(m, reliability);
    }

    /** Indices sorted by descending score (NaN last), ties by tie key (when given). */
    static int[] order(double[] score, long[] tieKeys) {
        // each score as a long that orders as Double.compare does (NaN as -Infinity): one primitive compare a pair
        long[] key = new long[score.length];
        for (int i = 0; i < key.length; i++) {
            long bits = Double.doubleToLongBits(safe(score[i]));
            key[i] = bits ^ ((bits >> 63) & Long.MAX_VALUE);
        }
        return IndexSort.sort(score.length, (a, b) -> {
            int c = Long.compare(key[b], key[a]);
            return c != 0 || tieKeys == null ? c : Long.compare(tieKeys[a], tieKeys[b]);
        });
    }

    private static double safe(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Mann-Whitney ROC AUC with average ranks for ties. */
    public static double rocAuc(double[] score, int[] y, long positives) {
        return rocAuc(order(score, null), score, y, positives);
    }

    /** ROC AUC from the descending order of the scores (ties take their mean rank, whatever their order). */
    private static double rocAuc(int[] order, double[] score, int[] y, long positives) {
        int n = score.length;
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && safe(score[order[j + 1]]) == safe(score[order[i]])) {
                j++;
            }
            // positions i..j of the descending order hold ascending ranks n - j .. n - i
            double avgRank = n - (i + j) / 2.0;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    rankSum += avgRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision (area under the precision-recall curve, step-wise) along a descending order. */
    private static double averagePrecision(int[] order, int[] y, long positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long hits = 0;
        for (int i = 0; i < order.length; i++) {
            if (y[order[i]] == 1) {
                hits++;
                ap += (double) hits / (i + 1);
            }
        }
        return ap / positives;
    }

    /** Ten bins of equal count by predicted probability: mean predicted against observed rate. */
    static List<ReliabilityBin> reliability(double[] p, int[] y) {
        int n = p.length;
        int[] idx = IndexSort.sort(n, (a, b) -> Double.compare(p[a], p[b]));
        List<ReliabilityBin> bins = new ArrayList<>();
        int binCount = Math.min(10, Math.max(1, n));
        for (int b = 0; b < binCount; b++) {
            int from = (int) ((long) b * n / binCount);
            int to = (int) ((long) (b + 1) * n / binCount);
            if (to <= from) {
                continue;
            }
            double sp = 0;
            long pos = 0;
            for (int k = from; k < to; k++) {
                sp += p[idx[k]];
                pos += y[idx[k]];
            }
            bins.add(new ReliabilityBin(b + 1, to - from, sp / (to - from), (double) pos / (to - from),
                    p[idx[from]], p[idx[to - 1]]));
        }
        return bins;
    }
}
