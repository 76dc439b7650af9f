package io.breakwater.ml.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model and its baselines on one set of assets (one snapshot month), as metric inputs:
 * <ul>
 *   <li>{@code model}: calibrated probability (or expected count) per asset; per km: divided by the asset's km;</li>
 *   <li>{@code random}: a seeded uniform draw per asset;</li>
 *   <li>{@code age}: pipe age in years (pipe grain only; the oldest first, also in the length ranking);</li>
 *   <li>{@code past_breaks}: breaks in the trailing 12 months per km at pipe grain ({@code breaks_per_km_12m}, or
 *       {@code breaks_12m} over length), the trailing-12-month count per asset at coarse grains.</li>
 * </ul>
 */
public final class Scorers {
    private Scorers() {
    }

    public static Map<String, Metrics.Input> inputs(Panel panel, int[] rows, Predictor.Predictions predictions,
            boolean pipeGrain, long seed) {
        int n = rows.length;
        int[] y = new int[n];
        float[] breaks = new float[n];
        long[] ties = new long[n];
        double[] km = new double[n];
        boolean anyLength = false;
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            y[i] = panel.labelAny(r) == 1 ? 1 : 0;
            float b = panel.labelBreaks(r);
            breaks[i] = Float.isNaN(b) ? y[i] : b;
            ties[i] = Hashing.assetKey(seed, panel.assetId(r));
            km[i] = lengthKm(panel, r);
            anyLength |= !Double.isNaN(km[i]);
        }
        double[] length = pipeGrain && anyLength ? km : null;
        Map<String, Metrics.Input> out = new LinkedHashMap<>();
        if (predictions != null) {
            double[] score = predictions.expected() != null ? predictions.expected() : predictions.probability();
            out.put("model", input(score, perKm(score, length), predictions.probability(), predictions.expected(), y,
                    breaks, length, ties));
        }
        double[] random = new double[n];
        for (int i = 0; i < n; i++) {
            random[i] = Hashing.uniform(seed + 1, panel.assetId(rows[i]), 0);
        }
        out.put("random", input(random, random, null, null, y, breaks, length, ties));
        if (pipeGrain && panel.numericIndex("pipe_age_years") >= 0) {
            double[] age = new double[n];
            boolean known = false;
            for (int i = 0; i < n; i++) {
                age[i] = panel.value(rows[i], "pipe_age_years");
                known |= !Double.isNaN(age[i]);
            }
            if (known) {
                out.put("age", input(age, age, null, null, y, breaks, length, ties));
            }
        }
        double[] past = new double[n];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            double b12 = panel.value(r, "breaks_12m");
            if (pipeGrain) {
                double perKm = panel.value(r, "breaks_per_km_12m");
                past[i] = !Double.isNaN(perKm) ? perKm : b12 / Math.max(1e-3, Double.isNaN(km[i]) ? 1 : km[i]);
            } else {
                past[i] = b12;
            }
        }
        out.put("past_breaks", input(past, past, null, null, y, breaks, length, ties));
        return out;
    }

    static double lengthKm(Panel panel, int r) {
        double len = panel.value(r, "length_m");
        if (!Double.isNaN(len)) {
            return len / 1000.0;
        }
        return panel.value(r, "exposure_km");
    }

    private static double[] perKm(double[] score, double[] km) {
        if (km == null) {
            return null;
        }
        double[] out = new double[score.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(km[i]) || km[i] <= 0 ? score[i] : score[i] / km[i];
        }
        return out;
    }

    private static Metrics.Input input(double[] score, double[] perKm, double[] p, double[] e, int[] y, float[] breaks,
            double[] km, long[] ties) {
        Metrics.Input in = new Metrics.Input();
        in.score = score;
        in.scorePerKm = perKm;
        in.probability = p;
        in.expected = e;
        in.y = y;
        in.breaks = breaks;
        in.lengthKm = km;
        in.tieKeys = ties;
        return in;
    }

    /** Concatenates inputs of several periods (for pooled metrics). */
    public static Metrics.Input concat(java.util.List<Metrics.Input> parts) {
        Metrics.Input out = new Metrics.Input();
        int n = parts.stream().mapToInt(p -> p.y.length).sum();
        out.score = new double[n];
        out.scorePerKm = parts.get(0).scorePerKm == null ? null : new double[n];
        out.probability = parts.get(0).probability == null ? null : new double[n];
        out.expected = parts.get(0).expected == null ? null : new double[n];
        out.y = new int[n];
        out.breaks = new float[n];
        out.lengthKm = parts.get(0).lengthKm == null ? null : new double[n];
        out.tieKeys = new long[n];
        int at = 0;
        for (Metrics.Input p : parts) {
            int m = p.y.length;
            System.arraycopy(p.score, 0, out.score, at, m);
            if (out.scorePerKm != null) {
                System.arraycopy(p.scorePerKm, 0, out.scorePerKm, at, m);
            }
            if (out.probability != null) {
                System.arraycopy(p.probability, 0, out.probability, at, m);
            }
            if (out.expected != null) {
                System.arraycopy(p.expected, 0, out.expected, at, m);
            }
            System.arraycopy(p.y, 0, out.y, at, m);
            System.arraycopy(p.breaks, 0, out.breaks, at, m);
            if (out.lengthKm != null) {
                System.arraycopy(p.lengthKm, 0, out.lengthKm, at, m);
            }
            for (int i = 0; i < m; i++) {
                out.tieKeys[at + i] = Hashing.mix(p.tieKeys[i] + at);
            }
            at += m;
        }
        return out;
    }
}
