package io.breakwater.ml.internal;

import static io.breakwater.db.schema.Tables.FEATURE_ATTRIBUTE_VALUES;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.FeatureSetsRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Reads a feature set's monthly panel from the store through the generated jOOQ classes: the columns of
 * {@code pipe_features_monthly}, and the extra attributes the feature set names, from the piecewise-constant rows of
 * {@code feature_attribute_values} (numbers and dates as numeric columns, text as categorical columns). Training,
 * evaluation and scoring all read the panel here, so they see the same columns.
 */
public final class PanelLoader {
    /** Columns that identify a row or hold the labels, never offered as features. */
    private static final Set<String> NOT_FEATURES = Set.of("feature_set_id", "asset_id", "month_start", "year",
            "material", "label_breaks", "label_any");

    /** Rows read (and sorted by DuckDB) at a time while loading a panel. */
    private static final int ROWS_PER_READ = 1_000_000;

    private PanelLoader() {
    }

    /** The numeric feature columns of {@code pipe_features_monthly}, in table order. */
    public static List<Field<?>> numericColumns() {
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> f : PIPE_FEATURES_MONTHLY.fields()) {
            if (!NOT_FEATURES.contains(f.getName()) && Number.class.isAssignableFrom(f.getType())) {
                columns.add(f);
            }
        }
        return columns;
    }

    public static FeatureSetInfo featureSet(BreakwaterStore store, String featureSetId) {
        FeatureSetsRecord r = store.dsl().selectFrom(FEATURE_SETS).where(FEATURE_SETS.FEATURE_SET_ID.eq(featureSetId))
                .fetchOne();
        if (r == null) {
            List<String> known = store.dsl().select(FEATURE_SETS.FEATURE_SET_ID).from(FEATURE_SETS)
                    .orderBy(FEATURE_SETS.FEATURE_SET_ID).fetch(FEATURE_SETS.FEATURE_SET_ID);
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "feature set '" + featureSetId
                    + "' is not in " + store.location() + " (table feature_sets holds: "
                    + (known.isEmpty() ? "none; build features first" : String.join(", ", known)) + ")");
        }
        return new FeatureSetInfo(r.getFeatureSetId(), r.getName(), r.getVersion(), r.getDefinitionHash(),
                r.getGrain(), r.getHorizonMonths(), r.getRowCount());
    }

    /** Loads the months {@code first..last} (either may be null for open) of a feature set. */
    public static Panel load(BreakwaterStore store, FeatureSetInfo featureSet, YearMonth first, YearMonth last,
            ProgressListener progress) {
        List<Field<?>> numeric = numericColumns();
        AttributeValues attributes = AttributeValues.load(store, featureSet.id(), last);
        String[] names = Stream.concat(numeric.stream().map(Field::getName),
                attributes.numericNames().stream()).toArray(String[]::new);
        int tableColumns = numeric.size();
        List<Field<?>> select = new ArrayList<>();
        select.add(PIPE_FEATURES_MONTHLY.ASSET_ID);
        select.add(PIPE_FEATURES_MONTHLY.MONTH_START);
        select.add(PIPE_FEATURES_MONTHLY.MATERIAL);
        select.add(PIPE_FEATURES_MONTHLY.LABEL_ANY);
        select.add(PIPE_FEATURES_MONTHLY.LABEL_BREAKS);
        select.addAll(numeric);
        Condition where = PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(featureSet.id());
        if (first != null) {
            where = where.and(PIPE_FEATURES_MONTHLY.MONTH_START.ge(first.atDay(1)));
        }
        if (last != null) {
            where = where.and(PIPE_FEATURES_MONTHLY.MONTH_START.le(last.atDay(1)));
        }
        long expected = store.dsl().fetchCount(PIPE_FEATURES_MONTHLY, where);
        if (expected > Integer.MAX_VALUE / Math.max(1, names.length)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "feature set " + featureSet.id() + " has "
                    + expected + " rows in the chosen months, more than one in-memory panel holds; narrow the months");
        }
        String step = "load panel " + featureSet.id();
        progress.started(step, expected, "rows");
        Panel.Builder builder = new Panel.Builder(names, attributes.categoricalNames().toArray(String[]::new))
                .expectRows((int) Math.max(1, expected));
        float[] row = new float[names.length];
        String[] categories = attributes.categoricalNames().isEmpty() ? null
                : new String[attributes.categoricalNames().size()];
        boolean[] integer = new boolean[tableColumns];
        for (int i = 0; i < tableColumns; i++) {
            integer[i] = numeric.get(i).getType() == Integer.class;
        }
        long done = 0;
        // in runs of whole months of at most ROWS_PER_READ rows, each sorted: one sort of a whole panel of millions
        // of wide rows held about 2 GB of DuckDB memory past its limit
        for (LocalDate[] run : monthRuns(store, where)) {
            // a plain JDBC result set, read as primitives: jOOQ's records box every value of millions of rows, which
            // dominated the load and the garbage of a large panel
            try (ResultSet rs = store.dsl().select(select).from(PIPE_FEATURES_MONTHLY)
                    .where(where.and(PIPE_FEATURES_MONTHLY.MONTH_START.between(run[0], run[1])))
                    .orderBy(PIPE_FEATURES_MONTHLY.MONTH_START, PIPE_FEATURES_MONTHLY.ASSET_ID).fetchSize(10_000)
                    .fetchResultSet()) {
                String lastMonthText = null;
                LocalDate monthStart = null;
                YearMonth month = null;
                while (rs.next()) {
                    for (int i = 0; i < tableColumns; i++) {
                        // DuckDB's driver reads getFloat of an INTEGER or DOUBLE column through a boxed object
                        float v = integer[i] ? rs.getInt(6 + i) : (float) rs.getDouble(6 + i);
                        row[i] = rs.wasNull() ? Float.NaN : v;
                    }
                    String asset = rs.getString(1);
                    String monthText = rs.getString(2);
                    if (!monthText.equals(lastMonthText)) {
                        lastMonthText = monthText;
                        monthStart = LocalDate.parse(monthText.substring(0, 10));
                        month = YearMonth.from(monthStart);
                    }
                    if (!attributes.isEmpty()) {
                        attributes.fill(asset, monthStart, row, tableColumns, categories);
                    }
                    String material = rs.getString(3);
                    boolean any = rs.getBoolean(4);
                    Boolean labelAny = rs.wasNull() ? null : any;
                    int breaks = rs.getInt(5);
                    Integer labelBreaks = rs.wasNull() ? null : breaks;
                    builder.add(asset, month, row, material, categories, labelAny, labelBreaks);
                    if (++done % 100_000 == 0) {
                        progress.progressed(step, done);
                    }
                }
            } catch (SQLException e) {
                throw new BreakwaterException(ErrorCode.INTERNAL, "feature set " + featureSet.id() + ": months "
                        + run[0] + ".." + run[1] + " of the panel do not read from " + store.location() + ": "
                        + e.getMessage(), e);
            }
        }
        Panel panel = builder.build();
        if (panel == null) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "feature set " + featureSet.id()
                    + " has no rows in pipe_features_monthly" + (first == null && last == null ? ""
                    : " between " + (first == null ? "its start" : first) + " and " + (last == null ? "its end" : last)));
        }
        progress.finished(step, null);
        return panel;
    }

    /** Consecutive months of the panel, as [first, last] month starts, of at most {@link #ROWS_PER_READ} rows each. */
    private static List<LocalDate[]> monthRuns(BreakwaterStore store, Condition where) {
        List<LocalDate[]> runs = new ArrayList<>();
        LocalDate[] run = null;
        long rows = 0;
        for (Record2<LocalDate, Integer> m : store.dsl().select(PIPE_FEATURES_MONTHLY.MONTH_START, DSL.count())
                .from(PIPE_FEATURES_MONTHLY).where(where).groupBy(PIPE_FEATURES_MONTHLY.MONTH_START)
                .orderBy(PIPE_FEATURES_MONTHLY.MONTH_START).fetch()) {
            if (run == null || rows + m.value2() > ROWS_PER_READ) {
                run = new LocalDate[] {m.value1(), m.value1()};
                runs.add(run);
                rows = 0;
            }
            run[1] = m.value1();
            rows += m.value2();
        }
        return runs;
    }

    /** The distinct months a feature set covers, as [first, last], or null when empty. */
    public static YearMonth[] monthSpan(BreakwaterStore store, String featureSetId) {
        Record r = store.dsl().select(DSL.min(PIPE_FEATURES_MONTHLY.MONTH_START), DSL.max(PIPE_FEATURES_MONTHLY.MONTH_START))
                .from(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(featureSetId)).fetchOne();
        if (r == null || r.get(0) == null) {
            return null;
        }
        return new YearMonth[] {YearMonth.from((LocalDate) r.get(0)), YearMonth.from((LocalDate) r.get(1))};
    }
}
