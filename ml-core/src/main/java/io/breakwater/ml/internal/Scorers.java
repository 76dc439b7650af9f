package io.breakwater.ml.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model and its baselines on one set of assets (one snapshot month), as metric inputs. Every scorer has a ranking
 * per asset ({@code score}) and, where lengths exist at pipe grain, a ranking for the length budget
 * ({@code scorePerKm}). Baselines, all computed from the features known at the snapshot month:
 * <ul>
 *   <li>{@code random}: a seeded uniform draw per asset;</li>
 *   <li>{@code age}: pipe age in years (pipe grain only; the oldest first, also in the length ranking);</li>
 *   <li>{@code prior_breaks}: all-history breaks of the asset ({@code breaks_cumulative}), in both rankings;</li>
 *   <li>{@code prior_breaks_per_km}: the same count, ranked per km in the length budget (pipe grain with lengths);</li>
 *   <li>{@code trailing_breaks_12m}: breaks in the trailing 12 months, in both rankings;</li>
 *   <li>{@code trailing_breaks_12m_per_km}: the same ranked per km in the length budget (pipe grain with lengths);</li>
 *   <li>{@code rate_table}: breaks per km of the pipe's material x 10-year age band x diameter band cell, learnt on
 *       rows labelled before the cut-off ({@link RateTable}); expected breaks per asset, per km in the length
 *       budget (pipe grain with lengths and attributes);</li>
 *   <li>{@code prior_breaks_per_km2}, {@code trailing_breaks_12m_per_km2}: all-history and trailing-12-month break
 *       densities per km² (coarse grains where area sizes exist).</li>
 * </ul>
 */
public final class Scorers {
    /** The scorer name of the model (or of the ranker an inner validation chose). */
    public static final String MODEL = "model";
    /** Share of breaks in the top 5 % of network length: the headline at pipe grain with lengths. */
    public static final String HEADLINE_LENGTH = "break_share_top_5pct_length";
    /** Share of breaks in the top 10 % of assets: the headline elsewhere. */
    public static final String HEADLINE_ASSETS = "break_share_top_10pct_assets";

    private Scorers() {
    }

    /** What was observed on the rows: labels, lengths, tie keys. Shared by every scorer of the rows. */
    public record Rows(Panel panel, int[] rows, int[] y, float[] breaks, double[] km, double[] lengthForMetrics,
            double[] areaKm2, long[] ties, boolean pipeGrain) {

        public static Rows of(Panel panel, int[] rows, boolean pipeGrain, long seed) {
            int n = rows.length;
            int[] y = new int[n];
            float[] breaks = new float[n];
            long[] ties = new long[n];
            double[] km = new double[n];
            double[] area = new double[n];
            boolean anyLength = false;
            boolean anyArea = false;
            for (int i = 0; i < n; i++) {
                int r = rows[i];
                y[i] = panel.labelAny(r) == 1 ? 1 : 0;
                float b = panel.labelBreaks(r);
                breaks[i] = Float.isNaN(b) ? y[i] : b;
                ties[i] = Hashing.assetKey(seed, panel.assetId(r));
                km[i] = lengthKm(panel, r);
                area[i] = panel.value(r, "area_km2");
                anyLength |= !Double.isNaN(km[i]);
                anyArea |= !Double.isNaN(area[i]) && area[i] > 0;
            }
            return new Rows(panel, rows, y, breaks, km, pipeGrain && anyLength ? km : null, anyArea ? area : null,
                    ties, pipeGrain);
        }

        /** The headline metric of these rows: length capture at pipe grain with lengths, else asset share. */
        public String headline() {
            return lengthForMetrics != null ? HEADLINE_LENGTH : HEADLINE_ASSETS;
        }

        /** A scorer's input: {@code score} ranks assets, {@code perKm} the length budget (null: by score). */
        public Metrics.Input input(double[] score, double[] perKm, double[] probability, double[] expected) {
            Metrics.Input in = new Metrics.Input();
            in.score = score;
            in.scorePerKm = lengthForMetrics == null ? null : perKm == null ? score : perKm;
            in.probability = probability;
            in.expected = expected;
            in.y = y;
            in.breaks = breaks;
            in.lengthKm = lengthForMetrics;
            in.tieKeys = ties;
            return in;
        }

        /**
         * A ranker's input in one orientation: per asset ranks by {@code score} everywhere; per size ranks the
         * length budget by score per km at pipe grain, and the assets by score per km² at coarse grains.
         */
        public Metrics.Input oriented(double[] score, boolean perSize, double[] probability, double[] expected) {
            if (!perSize) {
                return input(score, score, probability, expected);
            }
            if (lengthForMetrics != null) {
                return input(score, divide(score, km), probability, expected);
            }
            return input(areaKm2 == null ? score : divide(score, areaKm2), null, probability, expected);
        }
    }

    /** The model (when {@code predictions} is not null, ranked per km) and every baseline that applies. */
    public static Map<String, Metrics.Input> inputs(Panel panel, int[] rows, Predictor.Predictions predictions,
            boolean pipeGrain, long seed, RateTable rates) {
        Rows on = Rows.of(panel, rows, pipeGrain, seed);
        Map<String, Metrics.Input> out = new LinkedHashMap<>();
        if (predictions != null) {
            double[] score = predictions.expected() != null ? predictions.expected() : predictions.probability();
            out.put(MODEL, on.input(score, divide(score, on.km()), predictions.probability(), predictions.expected()));
        }
        out.putAll(baselines(on, seed, rates));
        return out;
    }

    /** Every baseline that applies to the rows. */
    public static Map<String, Metrics.Input> baselines(Rows on, long seed, RateTable rates) {
        Panel panel = on.panel();
        int[] rows = on.rows();
        int n = rows.length;
        Map<String, Metrics.Input> out = new LinkedHashMap<>();
        double[] random = new double[n];
        for (int i = 0; i < n; i++) {
            random[i] = Hashing.uniform(seed + 1, panel.assetId(rows[i]), 0);
        }
        out.put("random", on.input(random, random, null, null));
        double[] age = column(panel, rows, "pipe_age_years");
        if (on.pipeGrain() && age != null) {
            out.put("age", on.input(age, age, null, null));
        }
        double[] prior = column(panel, rows, "breaks_cumulative");
        double[] trailing = column(panel, rows, "breaks_12m");
        if (prior != null) {
            out.put("prior_breaks", on.input(prior, prior, null, null));
            if (on.lengthForMetrics() != null) {
                out.put("prior_breaks_per_km", on.input(prior, divide(prior, on.km()), null, null));
            }
        }
        if (trailing != null) {
            out.put("trailing_breaks_12m", on.input(trailing, trailing, null, null));
            if (on.lengthForMetrics() != null) {
                out.put("trailing_breaks_12m_per_km", on.input(trailing, divide(trailing, on.km()), null, null));
            }
        }
        if (on.lengthForMetrics() != null && rates != null) {
            double[] perKm = rates.ratesPerKm(panel, rows);
            double[] perAsset = new double[n];
            for (int i = 0; i < n; i++) {
                perAsset[i] = Double.isNaN(on.km()[i]) ? perKm[i] : perKm[i] * on.km()[i];
            }
            out.put("rate_table", on.input(perAsset, perKm, null, null));
        }
        if (!on.pipeGrain() && on.areaKm2() != null) {
            if (prior != null) {
                double[] d = divide(prior, on.areaKm2());
                out.put("prior_breaks_per_km2", on.input(d, d, null, null));
            }
            if (trailing != null) {
                double[] d = divide(trailing, on.areaKm2());
                out.put("trailing_breaks_12m_per_km2", on.input(d, d, null, null));
            }
        }
        return out;
    }

    private static double[] column(Panel panel, int[] rows, String name) {
        if (panel.numericIndex(name) < 0) {
            return null;
        }
        double[] v = new double[rows.length];
        boolean known = false;
        for (int i = 0; i < rows.length; i++) {
            v[i] = panel.value(rows[i], name);
            known |= !Double.isNaN(v[i]);
        }
        return known ? v : null;
    }

    static double lengthKm(Panel panel, int r) {
        double len = panel.value(r, "length_m");
        if (!Double.isNaN(len)) {
            return len / 1000.0;
        }
        return panel.value(r, "exposure_km");
    }

    /** {@code value / size}, the value itself where the size is unknown or not positive. */
    static double[] divide(double[] value, double[] size) {
        double[] out = new double[value.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(size[i]) || size[i] <= 0 ? value[i] : value[i] / Math.max(1e-3, size[i]);
        }
        return out;
    }

    /** Concatenates inputs of several periods (for pooled metrics). */
    public static Metrics.Input concat(List<Metrics.Input> parts) {
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
            copy(p.score, out.score, at);
            copy(p.scorePerKm, out.scorePerKm, at);
            copy(p.probability, out.probability, at);
            copy(p.expected, out.expected, at);
            copy(p.lengthKm, out.lengthKm, at);
            System.arraycopy(p.y, 0, out.y, at, m);
            System.arraycopy(p.breaks, 0, out.breaks, at, m);
            for (int i = 0; i < m; i++) {
                out.tieKeys[at + i] = Hashing.mix(p.tieKeys[i] + at);
            }
            at += m;
        }
        return out;
    }

    private static void copy(double[] from, double[] to, int at) {
        if (to != null && from != null) {
            System.arraycopy(from, 0, to, at, from.length);
        }
    }
}
