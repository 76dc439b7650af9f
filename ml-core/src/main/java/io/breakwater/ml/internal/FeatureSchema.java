package io.breakwater.ml.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Which panel columns a model reads, and how: the numeric columns that vary in its training rows, plus one 0/1
 * column per material seen in training ({@code material=cast_iron}). A NULL in the store is NaN in the matrix and
 * stays NaN: missing is never filled with zero. A NULL material is NaN in every material column.
 *
 * @param numeric   numeric column names, in panel order
 * @param materials material categories, sorted
 */
public record FeatureSchema(List<String> numeric, List<String> materials) {

    public static final String MATERIAL_PREFIX = "material=";

    public FeatureSchema {
        numeric = List.copyOf(numeric);
        materials = List.copyOf(materials);
    }

    /** The columns that carry information in {@code rows} of {@code panel}. */
    public static FeatureSchema fit(Panel panel, int[] rows) {
        List<String> numeric = new ArrayList<>();
        for (int c = 0; c < panel.numericCount(); c++) {
            float firstSeen = Float.NaN;
            boolean varies = false;
            for (int r : rows) {
                float v = panel.value(r, c);
                if (Float.isNaN(v)) {
                    continue;
                }
                if (Float.isNaN(firstSeen)) {
                    firstSeen = v;
                } else if (v != firstSeen) {
                    varies = true;
                    break;
                }
            }
            if (varies) {
                numeric.add(panel.numericNames()[c]);
            }
        }
        TreeSet<String> materials = new TreeSet<>();
        for (int r : rows) {
            String m = panel.material(r);
            if (m != null) {
                materials.add(m);
            }
        }
        if (materials.size() < 2) {
            materials.clear();
        }
        return new FeatureSchema(numeric, new ArrayList<>(materials));
    }

    public int width() {
        return numeric.size() + materials.size();
    }

    public String[] columnNames() {
        String[] names = new String[width()];
        for (int i = 0; i < numeric.size(); i++) {
            names[i] = numeric.get(i);
        }
        for (int i = 0; i < materials.size(); i++) {
            names[numeric.size() + i] = MATERIAL_PREFIX + materials.get(i);
        }
        return names;
    }

    /** The row-major matrix of {@code rows}, NaN where a value is missing. */
    public Matrix matrix(Panel panel, int[] rows) {
        int width = width();
        int[] source = new int[numeric.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = panel.numericIndex(numeric.get(i));
        }
        int[] materialColumn = new int[panel.materials().length];
        Arrays.fill(materialColumn, -1);
        for (int m = 0; m < panel.materials().length; m++) {
            materialColumn[m] = materials.indexOf(panel.materials()[m]);
        }
        float[] data = new float[Math.multiplyExact(rows.length, width)];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int base = i * width;
            for (int c = 0; c < source.length; c++) {
                data[base + c] = source[c] < 0 ? Float.NaN : panel.value(r, source[c]);
            }
            if (!materials.isEmpty()) {
                int code = panel.materialCode(r);
                if (code < 0) {
                    Arrays.fill(data, base + numeric.size(), base + width, Float.NaN);
                } else if (materialColumn[code] >= 0) {
                    data[base + numeric.size() + materialColumn[code]] = 1f;
                }
            }
        }
        return new Matrix(data, rows.length, width, columnNames());
    }
}
