package io.breakwater.ml.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A monthly asset panel held in memory, column-light and row-major: one float per numeric feature per row (NaN where
 * the store holds NULL), the material as a code, one code per row for each categorical extra attribute
 * ({@code pipe.lined}), and the labels. Rows are grouped by month so that a window of months is a contiguous slice.
 * Built by {@link Builder}, which hands over its arrays.
 *
 * @param numericNames     numeric columns of {@code pipe_features_monthly} offered to the models, in table order
 * @param assetIds         the assets, indexed by {@link #assetIndex}
 * @param materials        the materials, indexed by {@link #materialCode}
 * @param firstMonth       the month of the first rows
 * @param monthOffsets     rows of month i are [monthOffsets[i], monthOffsets[i+1])
 * @param rowAsset         the asset index of each row
 * @param values           rows x numericNames.length
 * @param rowMaterial      the material code of each row, -1 when unknown
 * @param labelAny         1, 0, or -1 when the label window passes the data
 * @param labelBreaks      breaks in the label window
 * @param categoricalNames categorical extra attributes (text values of {@code feature_attribute_values}), e.g.
 *                         {@code pipe.lined}
 * @param categoricalCodes per categorical column, its codes in order of first appearance
 * @param rowCategories    rows x categoricalNames.length, -1 when unknown
 */
public record Panel(String[] numericNames, String[] assetIds, String[] materials, YearMonth firstMonth,
        int[] monthOffsets, int[] rowAsset, float[] values, int[] rowMaterial, byte[] labelAny, float[] labelBreaks,
        String[] categoricalNames, String[][] categoricalCodes, int[] rowCategories) {

    public int rows() {
        return rowAsset.length;
    }

    public int numericCount() {
        return numericNames.length;
    }

    public int numericIndex(String name) {
        return Arrays.asList(numericNames).indexOf(name);
    }

    public float value(int row, int column) {
        return values[row * numericNames.length + column];
    }

    /** The value of a named column, NaN when the column is absent or NULL. */
    public double value(int row, String column) {
        int c = numericIndex(column);
        return c < 0 ? Double.NaN : values[row * numericNames.length + c];
    }

    public String assetId(int row) {
        return assetIds[rowAsset[row]];
    }

    public int assetIndex(int row) {
        return rowAsset[row];
    }

    public int assetCount() {
        return assetIds.length;
    }

    public String material(int row) {
        int code = rowMaterial[row];
        return code < 0 ? null : materials[code];
    }

    public int materialCode(int row) {
        return rowMaterial[row];
    }

    public int categoricalIndex(String name) {
        return Arrays.asList(categoricalNames).indexOf(name);
    }

    /** The codes of categorical column {@code column}; {@link #categoryCode} indexes them. */
    public String[] categoryCodes(int column) {
        return categoricalCodes[column];
    }

    /** The code index of categorical column {@code column} in {@code row}, -1 when unknown. */
    public int categoryCode(int row, int column) {
        return rowCategories[row * categoricalNames.length + column];
    }

    /** The code of categorical column {@code column} in {@code row}, or {@code null}. */
    public String category(int row, int column) {
        int code = categoryCode(row, column);
        return code < 0 ? null : categoricalCodes[column][code];
    }

    /** 1, 0, or -1 when the label window is not fully observed. */
    public int labelAny(int row) {
        return labelAny[row];
    }

    public float labelBreaks(int row) {
        return labelBreaks[row];
    }

    public int monthCount() {
        return monthOffsets.length - 1;
    }

    public YearMonth lastMonth() {
        return firstMonth.plusMonths(monthCount() - 1L);
    }

    public int monthIndex(YearMonth month) {
        return (int) firstMonth.until(month, java.time.temporal.ChronoUnit.MONTHS);
    }

    public YearMonth month(int monthIndex) {
        return firstMonth.plusMonths(monthIndex);
    }

    /** Row range [from, to) of the months {@code first..last} (clipped to the panel). */
    public int[] rowRange(YearMonth first, YearMonth last) {
        int a = Math.max(0, monthIndex(first));
        int b = Math.min(monthCount() - 1, monthIndex(last));
        if (a > b) {
            return new int[] {0, 0};
        }
        return new int[] {monthOffsets[a], monthOffsets[b + 1]};
    }

    public int monthOfRow(int row) {
        int i = Arrays.binarySearch(monthOffsets, row);
        if (i >= 0) {
            while (i + 1 < monthOffsets.length && monthOffsets[i + 1] == row) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** The last month whose rows carry a label, or {@code null}. */
    public YearMonth lastLabeledMonth() {
        for (int m = monthCount() - 1; m >= 0; m--) {
            for (int r = monthOffsets[m]; r < monthOffsets[m + 1]; r++) {
                if (labelAny[r] >= 0) {
                    return month(m);
                }
            }
        }
        return null;
    }

    /** Builds a panel row by row; rows must arrive grouped by month in ascending order. */
    public static final class Builder {
        private final String[] numericNames;
        private final String[] categoricalNames;
        private final List<Map<String, Integer>> categoryIndex = new ArrayList<>();
        private final List<List<String>> categoryLists = new ArrayList<>();
        private int[] rowCategories;
        private final Map<String, Integer> assets = new HashMap<>();
        private final List<String> assetList = new ArrayList<>();
        private final Map<String, Integer> materials = new HashMap<>();
        private final List<String> materialList = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();
        private YearMonth first;
        private YearMonth current;
        private int rows;
        private int[] rowAsset = new int[1024];
        private float[] values;
        private int[] rowMaterial = new int[1024];
        private byte[] labelAny = new byte[1024];
        private float[] labelBreaks = new float[1024];

        public Builder(String[] numericNames) {
            this(numericNames, new String[0]);
        }

        /** A builder of panels with {@code categoricalNames} extra categorical columns. */
        public Builder(String[] numericNames, String[] categoricalNames) {
            this.numericNames = numericNames.clone();
            this.categoricalNames = categoricalNames.clone();
            this.values = new float[1024 * Math.max(1, numericNames.length)];
            this.rowCategories = new int[1024 * categoricalNames.length];
            for (int i = 0; i < categoricalNames.length; i++) {
                categoryIndex.add(new HashMap<>());
                categoryLists.add(new ArrayList<>());
            }
        }

        public Builder expectRows(int expected) {
            if (expected > rowAsset.length) {
                grow(expected);
            }
            return this;
        }

        public void add(String assetId, YearMonth month, float[] rowValues, String material, Boolean any,
                Integer breaks) {
            add(assetId, month, rowValues, material, null, any, breaks);
        }

        /** Adds a row; {@code categories} holds one code (or {@code null}) per categorical column, or is null. */
        public void add(String assetId, YearMonth month, float[] rowValues, String material, String[] categories,
                Boolean any, Integer breaks) {
            if (first == null) {
                first = month;
                current = month;
                offsets.add(0);
            }
            if (month.isBefore(current)) {
                throw new IllegalStateException("panel rows out of month order at " + assetId + " " + month);
            }
            while (current.isBefore(month)) {
                current = current.plusMonths(1);
                offsets.add(rows);
            }
            if (rows == rowAsset.length) {
                grow(rows * 2);
            }
            rowAsset[rows] = assets.computeIfAbsent(assetId, k -> {
                assetList.add(k);
                return assetList.size() - 1;
            });
            System.arraycopy(rowValues, 0, values, rows * numericNames.length, numericNames.length);
            rowMaterial[rows] = material == null ? -1 : materials.computeIfAbsent(material, k -> {
                materialList.add(k);
                return materialList.size() - 1;
            });
            labelAny[rows] = any == null ? -1 : (byte) (any ? 1 : 0);
            labelBreaks[rows] = breaks == null ? Float.NaN : breaks;
            for (int c = 0; c < categoricalNames.length; c++) {
                String code = categories == null ? null : categories[c];
                List<String> list = categoryLists.get(c);
                rowCategories[rows * categoricalNames.length + c] = code == null ? -1
                        : categoryIndex.get(c).computeIfAbsent(code, k -> {
                            list.add(k);
                            return list.size() - 1;
                        });
            }
            rows++;
        }

        private void grow(int size) {
            rowAsset = Arrays.copyOf(rowAsset, size);
            values = Arrays.copyOf(values, size * Math.max(1, numericNames.length));
            rowMaterial = Arrays.copyOf(rowMaterial, size);
            labelAny = Arrays.copyOf(labelAny, size);
            labelBreaks = Arrays.copyOf(labelBreaks, size);
            rowCategories = Arrays.copyOf(rowCategories, size * categoricalNames.length);
        }

        public Panel build() {
            if (first == null) {
                return null;
            }
            int[] monthOffsets = new int[offsets.size() + 1];
            for (int i = 0; i < offsets.size(); i++) {
                monthOffsets[i] = offsets.get(i);
            }
            monthOffsets[offsets.size()] = rows;
            // when expectRows sized the arrays exactly, hand them over: a copy of a panel of millions of rows would
            // double its footprint at the worst moment
            if (rowAsset.length != rows) {
                grow(rows);
            }
            return new Panel(numericNames, assetList.toArray(String[]::new), materialList.toArray(String[]::new), first,
                    monthOffsets, rowAsset, values, rowMaterial, labelAny, labelBreaks, categoricalNames,
                    categoryLists.stream().map(l -> l.toArray(String[]::new)).toArray(String[][]::new), rowCategories);
        }
    }
}
