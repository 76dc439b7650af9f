package io.breakwater.ml.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which panel columns a model reads, and how: the numeric columns that vary in its training rows (extra numeric and
 * date attributes included), plus one 0/1 column per material seen in training ({@code material=cast_iron}) and one
 * per code of each categorical extra attribute seen in training ({@code pipe.lined=yes}). A NULL in the store is NaN
 * in the matrix and stays NaN: missing is never filled with zero. A NULL material (attribute) is NaN in every one of
 * its columns; a code not seen in training is 0 in all of them.
 *
 * @param numeric    numeric column names, in panel order
 * @param materials  material categories, sorted
 * @param categories categorical extra attributes by name (sorted), each with its codes (sorted)
 */
public record FeatureSchema(List<String> numeric, List<String> materials, Map<String, List<String>> categories) {

    public static final String MATERIAL_PREFIX = "material=";

    public FeatureSchema {
        numeric = List.copyOf(numeric);
        materials = List.copyOf(materials);
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        new TreeMap<>(categories == null ? Map.<String, List<String>>of() : categories)
                .forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        categories = Collections.unmodifiableMap(sorted);
    }

    /** A schema without categorical extra attributes (and the form of artifacts written before they existed). */
    public FeatureSchema(List<String> numeric, List<String> materials) {
        this(numeric, materials, Map.of());
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
        // an attribute's codes are kept when they tell rows apart: two codes or more, or one code and missing rows
        Map<String, List<String>> categories = new TreeMap<>();
        for (int c = 0; c < panel.categoricalNames().length; c++) {
            TreeSet<String> codes = new TreeSet<>();
            boolean missing = false;
            for (int r : rows) {
                String code = panel.category(r, c);
                if (code == null) {
                    missing = true;
                } else {
                    codes.add(code);
                }
            }
            if (codes.size() >= 2 || codes.size() == 1 && missing) {
                categories.put(panel.categoricalNames()[c], new ArrayList<>(codes));
            }
        }
        return new FeatureSchema(numeric, new ArrayList<>(materials), categories);
    }

    public int width() {
        int width = numeric.size() + materials.size();
        for (List<String> codes : categories.values()) {
            width += codes.size();
        }
        return width;
    }

    public String[] columnNames() {
        String[] names = new String[width()];
        int j = 0;
        for (String n : numeric) {
            names[j++] = n;
        }
        for (String m : materials) {
            names[j++] = MATERIAL_PREFIX + m;
        }
        for (Map.Entry<String, List<String>> e : categories.entrySet()) {
            for (String code : e.getValue()) {
                names[j++] = e.getKey() + "=" + code;
            }
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
        // each categorical attribute: its panel column, first matrix column, and matrix offset of each panel code
        int attributes = categories.size();
        int[] panelColumn = new int[attributes];
        int[] firstColumn = new int[attributes];
        int[] lastColumn = new int[attributes];
        int[][] codeOffset = new int[attributes][];
        int next = numeric.size() + materials.size();
        int a = 0;
        for (Map.Entry<String, List<String>> e : categories.entrySet()) {
            panelColumn[a] = panel.categoricalIndex(e.getKey());
            firstColumn[a] = next;
            next += e.getValue().size();
            lastColumn[a] = next;
            String[] panelCodes = panelColumn[a] < 0 ? new String[0] : panel.categoryCodes(panelColumn[a]);
            codeOffset[a] = new int[panelCodes.length];
            for (int k = 0; k < panelCodes.length; k++) {
                codeOffset[a][k] = e.getValue().indexOf(panelCodes[k]);
            }
            a++;
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
                    Arrays.fill(data, base + numeric.size(), base + numeric.size() + materials.size(), Float.NaN);
                } else if (materialColumn[code] >= 0) {
                    data[base + numeric.size() + materialColumn[code]] = 1f;
                }
            }
            for (int k = 0; k < attributes; k++) {
                int code = panelColumn[k] < 0 ? -1 : panel.categoryCode(r, panelColumn[k]);
                if (code < 0) {
                    Arrays.fill(data, base + firstColumn[k], base + lastColumn[k], Float.NaN);
                } else if (codeOffset[k][code] >= 0) {
                    data[base + firstColumn[k] + codeOffset[k][code]] = 1f;
                }
            }
        }
        return new Matrix(data, rows.length, width, columnNames());
    }
}
