package io.breakwater.ml.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate-table baseline: breaks per km in each cell of material x 10-year age band x diameter band, learnt on
 * labelled rows before a cut-off and Laplace-smoothed towards the network's rate (one pseudo-break at the network
 * rate per cell). A row before its pipe's recorded install has no material, diameter or age in the panel, so it falls
 * into the "unknown" cells, never into the cells of the pipe that replaced it.
 */
public final class RateTable {
    private static final double[] DIAMETER_BANDS_MM = {150, 250, 400, 600};

    private final long[] keys; // the cells, sorted
    private final double[] breaks; // per cell
    private final double[] km; // per cell, km-rows
    private final double networkRate;
    private final String[] materials; // the panel's material codes, to name the cells

    private RateTable(long[] keys, double[] breaks, double[] km, double networkRate, String[] materials) {
        this.keys = keys;
        this.breaks = breaks;
        this.km = km;
        this.networkRate = networkRate;
        this.materials = materials;
    }

    /** True when the panel carries at least one of the table's attributes and a length. */
    public static boolean applicable(Panel panel) {
        return panel.numericIndex("length_m") >= 0 && (panel.materials().length > 0
                || panel.numericIndex("pipe_age_years") >= 0 || panel.numericIndex("diameter_mm") >= 0);
    }

    /** Learns the table from {@code rows}, each weighted by its km; rows without a length or label are skipped. */
    public static RateTable fit(Panel panel, int[] rows) {
        Cells cell = new Cells(panel, panel.materials());
        // the cells in sorted primitive arrays, a new cell inserted in place: a panel of millions of rows has a few
        // hundred cells at most, and a map keyed by boxed cells (or arrays per row) cost time or memory per row
        long[] keys = new long[16];
        double[] breaks = new double[16];
        double[] km = new double[16];
        int cells = 0;
        double totalBreaks = 0;
        double totalKm = 0;
        for (int r : rows) {
            double len = Scorers.lengthKm(panel, r);
            float b = panel.labelBreaks(r);
            if (Double.isNaN(len) || len <= 0 || panel.labelAny(r) < 0) {
                continue;
            }
            double observed = Float.isNaN(b) ? panel.labelAny(r) : b;
            long key = cell.of(r);
            int c = Arrays.binarySearch(keys, 0, cells, key);
            if (c < 0) {
                c = -c - 1;
                if (cells == keys.length) {
                    keys = Arrays.copyOf(keys, 2 * cells);
                    breaks = Arrays.copyOf(breaks, 2 * cells);
                    km = Arrays.copyOf(km, 2 * cells);
                }
                for (double[] column : new double[][] {breaks, km}) {
                    System.arraycopy(column, c, column, c + 1, cells - c);
                    column[c] = 0;
                }
                System.arraycopy(keys, c, keys, c + 1, cells - c);
                keys[c] = key;
                cells++;
            }
            breaks[c] += observed;
            km[c] += len;
            totalBreaks += observed;
            totalKm += len;
        }
        return new RateTable(Arrays.copyOf(keys, cells), Arrays.copyOf(breaks, cells), Arrays.copyOf(km, cells),
                totalKm > 0 ? totalBreaks / totalKm : 0, panel.materials());
    }

    /** Smoothed breaks per km of each row's cell, for {@code rows} of {@code panel}. */
    public double[] ratesPerKm(Panel panel, int[] rows) {
        double[] out = new double[rows.length];
        if (networkRate <= 0) {
            return out;
        }
        Cells cell = new Cells(panel, materials);
        for (int i = 0; i < rows.length; i++) {
            int c = Arrays.binarySearch(keys, cell.of(rows[i]));
            out[i] = c < 0 ? networkRate : smoothed(c);
        }
        return out;
    }

    private double smoothed(int c) {
        return (breaks[c] + 1) / (km[c] + 1 / networkRate);
    }

    /** The cells learnt, as "material|age band|diameter band" to smoothed breaks per km (for tests and notes). */
    public Map<String, Double> rates() {
        Map<String, Double> out = new HashMap<>();
        for (int c = 0; c < keys.length; c++) {
            out.put(name(keys[c]), smoothed(c));
        }
        return out;
    }

    /** Per material (all its cells together), breaks per km, Laplace-smoothed as the cells are. */
    public Map<String, Double> materialRates() {
        Map<String, double[]> sums = new HashMap<>();
        for (int c = 0; c < keys.length; c++) {
            double[] m = sums.computeIfAbsent(materialName(keys[c]), x -> new double[2]);
            m[0] += breaks[c];
            m[1] += km[c];
        }
        Map<String, Double> out = new HashMap<>();
        sums.forEach((k, c) -> out.put(k, (c[0] + 1) / (c[1] + 1 / networkRate)));
        return out;
    }

    private String materialName(long key) {
        int material = (int) (key >>> 40) - 1;
        return material < 0 ? "unknown" : materials[material];
    }

    /** A cell key as "material|age band|diameter band", e.g. "cast_iron|60|d1"; "?" where the attribute is missing. */
    private String name(long key) {
        long ageBand = ((key >>> 8) & 0xFFFF_FFFFL) - 1;
        long diameterBand = (key & 0xFF) - 1;
        return materialName(key) + "|" + (ageBand < 0 ? "?" : String.valueOf(ageBand * 10)) + "|"
                + (diameterBand < 0 ? "?" : "d" + diameterBand);
    }

    /**
     * A row's cell as one number: material code, 10-year age band and diameter band, each plus one so that 0 is
     * missing. Built once per panel: it reads columns by index, as a key per row of a large panel must. Material
     * codes are those of the table's own material list, so a table learnt on one panel reads another; a material the
     * table never saw gets a code of its own, which matches no cell.
     */
    private static final class Cells {
        private final Panel panel;
        private final int age;
        private final int diameter;
        private final int[] material; // the panel's material code -> the table's

        Cells(Panel panel, String[] tableMaterials) {
            this.panel = panel;
            this.age = panel.numericIndex("pipe_age_years");
            this.diameter = panel.numericIndex("diameter_mm");
            List<String> known = Arrays.asList(tableMaterials);
            this.material = new int[panel.materials().length];
            for (int m = 0; m < material.length; m++) {
                int k = known.indexOf(panel.materials()[m]);
                material[m] = k >= 0 ? k : tableMaterials.length;
            }
        }

        long of(int r) {
            float a = age < 0 ? Float.NaN : panel.value(r, age);
            float d = diameter < 0 ? Float.NaN : panel.value(r, diameter);
            long ageBand = Float.isNaN(a) ? 0 : (long) Math.floor(Math.max(0, (double) a) / 10) + 1;
            int diameterBand = 0;
            if (!Float.isNaN(d)) {
                diameterBand = 1;
                while (diameterBand <= DIAMETER_BANDS_MM.length && d >= DIAMETER_BANDS_MM[diameterBand - 1]) {
                    diameterBand++;
                }
            }
            int m = panel.materialCode(r);
            return (long) (m < 0 ? 0 : material[m] + 1) << 40 | Math.min(ageBand, 0xFFFF_FFFFL) << 8 | diameterBand;
        }
    }
}
