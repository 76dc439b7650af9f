package io.breakwater.ml.internal;

import static io.breakwater.db.schema.Tables.FEATURE_ATTRIBUTE_VALUES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.Record;

/**
 * The extra attributes of a feature set ({@code feature_attribute_values}, V11) held per asset as piecewise-constant
 * segments, and turned into panel values row by row: a number as it is, a date as the years since it at the month's
 * first day (NaN when the month starts before the date), a text code as a categorical value. No segment at a month:
 * unknown (NaN, or no code).
 */
final class AttributeValues {
    private static final AttributeValues NONE = new AttributeValues(List.of(), new boolean[0], List.of(), Map.of());
    private static final double DAYS_PER_YEAR = 365.25;

    private final List<String> numericNames;     // number and date features, sorted
    private final boolean[] isDate;              // per numeric feature
    private final List<String> categoricalNames; // text features, sorted
    /** asset -> per feature (numeric first, then categorical), the segments in month order; null when none. */
    private final Map<String, Segments[]> byAsset;

    /** The segments of one asset and feature: month keys (year x 12 + month - 1) from which each value holds. */
    private record Segments(int[] fromMonthKeys, double[] numbers, String[] texts) {
        /** The index of the segment holding at {@code monthKey}, or -1 before the first. */
        int at(int monthKey) {
            int i = Arrays.binarySearch(fromMonthKeys, monthKey);
            return i >= 0 ? i : -i - 2;
        }
    }

    private AttributeValues(List<String> numericNames, boolean[] isDate, List<String> categoricalNames,
            Map<String, Segments[]> byAsset) {
        this.numericNames = numericNames;
        this.isDate = isDate;
        this.categoricalNames = categoricalNames;
        this.byAsset = byAsset;
    }

    /** The attribute values of a feature set that hold at some month up to {@code last} (null: all). */
    static AttributeValues load(BreakwaterStore store, String featureSetId, YearMonth last) {
        var v = FEATURE_ATTRIBUTE_VALUES;
        Map<String, String> types = new TreeMap<>();
        for (Record r : store.dsl().selectDistinct(v.FEATURE, v.VALUE_TYPE).from(v)
                .where(v.FEATURE_SET_ID.eq(featureSetId)).fetch()) {
            String previous = types.put(r.get(v.FEATURE), r.get(v.VALUE_TYPE));
            if (previous != null) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, "feature set " + featureSetId
                        + ": feature_attribute_values holds feature " + r.get(v.FEATURE) + " with value types "
                        + previous + " and " + r.get(v.VALUE_TYPE) + "; rebuild the feature set");
            }
        }
        if (types.isEmpty()) {
            return NONE;
        }
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        types.forEach((feature, type) -> (type.equals("text") ? categorical : numeric).add(feature));
        boolean[] isDate = new boolean[numeric.size()];
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < numeric.size(); i++) {
            isDate[i] = types.get(numeric.get(i)).equals("date");
            column.put(numeric.get(i), i);
        }
        for (int i = 0; i < categorical.size(); i++) {
            column.put(categorical.get(i), numeric.size() + i);
        }
        int width = numeric.size() + categorical.size();

        Condition where = v.FEATURE_SET_ID.eq(featureSetId);
        if (last != null) {
            where = where.and(v.FROM_MONTH.le(last.atDay(1)));
        }
        Map<String, List<Object[]>> rows = new HashMap<>();  // asset|column -> (month key, number, text)
        try (var cursor = store.dsl().select(v.ASSET_ID, v.FEATURE, v.FROM_MONTH, v.NUMBER_VALUE,
                        v.TEXT_VALUE, v.DATE_VALUE).from(v).where(where)
                .orderBy(v.ASSET_ID, v.FEATURE, v.FROM_MONTH).fetchSize(10_000).fetchLazy()) {
            for (var r : cursor) {
                int c = column.get(r.get(v.FEATURE));
                LocalDate date = r.get(v.DATE_VALUE);
                Double number = r.get(v.NUMBER_VALUE);
                // a date is kept as its epoch day, turned into years since it per month
                double value = date != null ? date.toEpochDay() : number == null ? Double.NaN : number;
                rows.computeIfAbsent(r.get(v.ASSET_ID) + "\u0000" + c, k -> new ArrayList<>())
                        .add(new Object[] {monthKey(r.get(v.FROM_MONTH)), value, r.get(v.TEXT_VALUE)});
            }
        }
        Map<String, Segments[]> byAsset = new HashMap<>();
        rows.forEach((key, list) -> {
            int cut = key.indexOf('\u0000');
            int c = Integer.parseInt(key.substring(cut + 1));
            int[] months = new int[list.size()];
            double[] numbers = new double[list.size()];
            String[] texts = new String[list.size()];
            for (int i = 0; i < list.size(); i++) {
                months[i] = (int) list.get(i)[0];
                numbers[i] = (double) list.get(i)[1];
                texts[i] = (String) list.get(i)[2];
            }
            byAsset.computeIfAbsent(key.substring(0, cut), k -> new Segments[width])[c] =
                    new Segments(months, numbers, texts);
        });
        return new AttributeValues(List.copyOf(numeric), isDate, List.copyOf(categorical), byAsset);
    }

    boolean isEmpty() {
        return numericNames.isEmpty() && categoricalNames.isEmpty();
    }

    List<String> numericNames() {
        return numericNames;
    }

    List<String> categoricalNames() {
        return categoricalNames;
    }

    /**
     * Writes the values of {@code asset} at {@code month} into {@code row} from column {@code offset} on, and its
     * codes into {@code categories}.
     */
    void fill(String asset, LocalDate month, float[] row, int offset, String[] categories) {
        Segments[] segments = byAsset.get(asset);
        int key = monthKey(month);
        for (int i = 0; i < numericNames.size(); i++) {
            Segments s = segments == null ? null : segments[i];
            int at = s == null ? -1 : s.at(key);
            float value = Float.NaN;
            if (at >= 0 && !Double.isNaN(s.numbers()[at])) {
                if (isDate[i]) {
                    long days = month.toEpochDay() - (long) s.numbers()[at];
                    value = days < 0 ? Float.NaN : (float) (days / DAYS_PER_YEAR);
                } else {
                    value = (float) s.numbers()[at];
                }
            }
            row[offset + i] = value;
        }
        for (int i = 0; i < categoricalNames.size(); i++) {
            Segments s = segments == null ? null : segments[numericNames.size() + i];
            int at = s == null ? -1 : s.at(key);
            categories[i] = at < 0 ? null : s.texts()[at];
        }
    }

    private static int monthKey(LocalDate date) {
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }
}
