package io.breakwater.turso.testing;

import io.breakwater.db.BreakwaterStore;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Fills every contract table of a store with deterministic, realistic-looking rows: doubles of many magnitudes and
 * signs, dates, millisecond timestamps, booleans, NULLs in nullable columns, text with quotes, commas, newlines and
 * accents. Primary-key columns are unique per row. The same seed gives the same content on every store kind.
 */
public final class Fixture {
    private static final String[] WORDS = {"cast_iron", "ductile_iron", "pvc", "O'Connor Dr", "Bloor St W, 1200",
        "Kensington-Chinatown", "Église St", "line1\nline2", "", "asbestos_cement"};

    private Fixture() {
    }

    /** Inserts {@code rowsPerTable} rows in every contract table (three times as many in the monthly panel). */
    public static long fill(BreakwaterStore store, long seed, int rowsPerTable) {
        DSLContext dsl = store.dsl();
        long total = 0;
        for (Table<?> table : BreakwaterStore.contractTables()) {
            int rows = table.getName().equals("pipe_features_monthly") ? rowsPerTable * 3 : rowsPerTable;
            Random random = new Random(seed ^ table.getName().hashCode());
            List<TableRecord<?>> batch = new ArrayList<>();
            List<Field<?>> keys = table.getPrimaryKey() == null ? List.of() : List.copyOf(table.getPrimaryKey().getFields());
            for (int i = 0; i < rows; i++) {
                Record record = dsl.newRecord(table);
                for (Field<?> field : table.fields()) {
                    boolean key = keys.contains(field);
                    boolean nullable = field.getDataType().nullable() && !key;
                    set(record, field, key ? null : random, i, nullable && random.nextInt(5) == 0);
                }
                batch.add((TableRecord<?>) record);
            }
            dsl.transaction(c -> c.dsl().batchInsert(batch).execute());
            total += rows;
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static void set(Record record, Field<?> field, Random random, int i, boolean asNull) {
        Class<?> type = field.getType();
        Object value;
        if (asNull) {
            value = null;
        } else if (type == String.class) {
            value = random == null ? field.getName() + "-" + String.format("%06d", i)
                    : WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : " " + random.nextInt(1000));
        } else if (type == Integer.class) {
            value = random == null ? i : random.nextInt(2000) - 50;
        } else if (type == Long.class) {
            value = random == null ? (long) i : random.nextLong() % 10_000_000_000L;
        } else if (type == Double.class) {
            value = random == null ? i + 0.5 : switch (random.nextInt(5)) {
                case 0 -> random.nextDouble();
                case 1 -> -random.nextDouble() * 1e6;
                case 2 -> random.nextGaussian() * 1e-4;
                case 3 -> (double) random.nextInt(100);
                default -> Math.PI * random.nextInt(10_000) / 7.0;
            };
        } else if (type == Boolean.class) {
            value = random == null ? i % 2 == 0 : random.nextBoolean();
        } else if (type == LocalDate.class) {
            value = LocalDate.of(1990, 1, 1).plusDays(random == null ? i : random.nextInt(10_000));
        } else if (type == LocalDateTime.class) {
            value = LocalDateTime.of(2016, 2, 29, 23, 59, 58).plusSeconds(random == null ? i : random.nextInt(5_000_000))
                    .plusNanos((random == null ? i % 1000 : random.nextInt(1000)) * 1_000_000L);
        } else if (type == java.math.BigDecimal.class) {
            value = java.math.BigDecimal.valueOf(random == null ? i : random.nextInt(100_000), 2);
        } else {
            throw new AssertionError("column type not covered by the fixture: " + field + " " + type);
        }
        record.set((Field<Object>) field, value);
    }
}
