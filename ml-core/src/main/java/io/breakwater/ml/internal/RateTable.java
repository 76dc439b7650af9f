package io.breakwater.ml.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The rate-table baseline: breaks per km in each cell of material x 10-year age band x diameter band, learnt on
 * labelled rows before a cut-off and Laplace-smoothed towards the network's rate (one pseudo-break at the network
 * rate per cell). A row before its pipe's recorded install has no material, diameter or age in the panel, so it falls
 * into the "unknown" cells, never into the cells of the pipe that replaced it.
 */
public final class RateTable {
    private static final double[] DIAMETER_BANDS_MM = {150, 250, 400, 600};

    private final Map<String, double[]> cells; // key -> {breaks, km-rows}
    private final double networkRate;

    private RateTable(Map<String, double[]> cells, double networkRate) {
        this.cells = cells;
        this.networkRate = networkRate;
    }

    /** True when the panel carries at least one of the table's attributes and a length. */
    public static boolean applicable(Panel panel) {
        return panel.numericIndex("length_m") >= 0 && (panel.materials().length > 0
                || panel.numericIndex("pipe_age_years") >= 0 || panel.numericIndex("diameter_mm") >= 0);
    }

    /** Learns the table from {@code rows}, each weighted by its km; rows without a length or label are skipped. */
    public static RateTable fit(Panel panel, int[] rows) {
        Map<String, double[]> cells = new HashMap<>();
        double breaks = 0;
        double km = 0;
        for (int r : rows) {
            double len = Scorers.lengthKm(panel, r);
            float b = panel.labelBreaks(r);
            if (Double.isNaN(len) || len <= 0 || panel.labelAny(r) < 0) {
                continue;
            }
            double observed = Float.isNaN(b) ? panel.labelAny(r) : b;
            double[] c = cells.computeIfAbsent(cell(panel, r), k -> new double[2]);
            c[0] += observed;
            c[1] += len;
            breaks += observed;
            km += len;
        }
        return new RateTable(cells, km > 0 ? breaks / km : 0);
    }

    /** Smoothed breaks per km of the row's cell. */
    public double ratePerKm(Panel panel, int row) {
        if (networkRate <= 0) {
            return 0;
        }
        double[] c = cells.get(cell(panel, row));
        return c == null ? networkRate : (c[0] + 1) / (c[1] + 1 / networkRate);
    }

    /** The cells learnt, as "material|age band|diameter band" to smoothed breaks per km (for tests and notes). */
    public Map<String, Double> rates() {
        Map<String, Double> out = new HashMap<>();
        cells.forEach((k, c) -> out.put(k, (c[0] + 1) / (c[1] + 1 / networkRate)));
        return out;
    }

    /** Per material (all its cells together), breaks per km, Laplace-smoothed as the cells are. */
    public Map<String, Double> materialRates() {
        Map<String, double[]> sums = new HashMap<>();
        cells.forEach((k, c) -> {
            double[] m = sums.computeIfAbsent(k.substring(0, k.indexOf('|')), x -> new double[2]);
            m[0] += c[0];
            m[1] += c[1];
        });
        Map<String, Double> out = new HashMap<>();
        sums.forEach((k, c) -> out.put(k, (c[0] + 1) / (c[1] + 1 / networkRate)));
        return out;
    }

    static String cell(Panel panel, int r) {
        String material = panel.material(r);
        double age = panel.value(r, "pipe_age_years");
        double diameter = panel.value(r, "diameter_mm");
        String ageBand = Double.isNaN(age) ? "?" : String.valueOf((int) Math.floor(Math.max(0, age) / 10) * 10);
        String diameterBand = "?";
        if (!Double.isNaN(diameter)) {
            int band = 0;
            while (band < DIAMETER_BANDS_MM.length && diameter >= DIAMETER_BANDS_MM[band]) {
                band++;
            }
            diameterBand = "d" + band;
        }
        return (material == null ? "unknown" : material) + "|" + ageBand + "|" + diameterBand;
    }
}
