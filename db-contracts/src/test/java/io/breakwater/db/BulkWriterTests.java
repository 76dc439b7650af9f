package io.breakwater.db;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.testing.ClimateMonths;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

class BulkWriterTests {
    private static final Name WORK = DSL.name("bulk_work");
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);
    private static final Field<Integer> COUNT = DSL.field(DSL.name("count"), SQLDataType.INTEGER);
    private static final Field<Long> BIG = DSL.field(DSL.name("big"), SQLDataType.BIGINT);
    private static final Field<Double> SHARE = DSL.field(DSL.name("share"), SQLDataType.DOUBLE);
    private static final Field<Boolean> FLAG = DSL.field(DSL.name("flag"), SQLDataType.BOOLEAN);
    private static final Field<LocalDate> DAY = DSL.field(DSL.name("day"), SQLDataType.LOCALDATE);
    private static final Field<LocalDateTime> AT = DSL.field(DSL.name("seen_at"), SQLDataType.LOCALDATETIME);
    private static final Field<?>[] COLUMNS = {NAME, COUNT, BIG, SHARE, FLAG, DAY, AT};

    @TempDir
    Path dir;

    @EachStore
    void writesEveryKindOfValueAndNullsAndReadsThemBack(BreakwaterStore store) {
        DSLContext dsl = workTable(store);
        LocalDateTime at = LocalDateTime.of(2024, 3, 5, 7, 9, 11, 123_000_000);
        try (BulkWriter writer = BulkWriter.open(dsl, WORK, COLUMNS)) {
            writer.add("main-1", 7, 9_000_000_000L, 0.25, true, LocalDate.of(2024, 2, 29), at);
            writer.add("main-2", null, null, null, null, null, null);
            assertThat(writer.rows()).isEqualTo(2);
        }
        List<Record> back = dsl.select(COLUMNS).from(WORK).orderBy(NAME).fetch();
        assertThat(back).hasSize(2);
        assertThat(back.get(0).intoArray()).containsExactly("main-1", 7, 9_000_000_000L, 0.25, true,
                LocalDate.of(2024, 2, 29), at);
        assertThat(back.get(1).intoArray()).containsExactly("main-2", null, null, null, null, null, null);
    }

    @EachStore
    void writesFarMoreRowsThanOneStatementHoldsIntoAContractTable(BreakwaterStore store) {
        List<ClimateMonthlyRecord> months = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            LocalDate month = LocalDate.of(1900 + i / 97 / 12, 1 + i / 97 % 12, 1);
            ClimateMonthlyRecord r = ClimateMonths.observedInFull("S" + (i % 97), month, 1L);
            r.setPrecipComplete(i % 3 == 0);
            r.setPrecipMm((double) i);
            months.add(r);
        }
        long written = store.dsl().transactionResult(cfg -> BulkRows.insert(cfg.dsl(), CLIMATE_MONTHLY, months));
        assertThat(written).isEqualTo(12_345);
        assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY)).isEqualTo(12_345);
        assertThat(store.dsl().select(DSL.sum(CLIMATE_MONTHLY.PRECIP_MM)).from(CLIMATE_MONTHLY).fetchOne(0,
                Double.class)).isEqualTo(12_344 * 12_345 / 2.0);
    }

    @Test
    void onSqliteEachInsertHoldsAsManyRowsAsTheConnectionsVariableLimitAllows() throws Exception {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            DSLContext dsl = workTable(store);
            try (BulkWriter writer = BulkWriter.open(dsl, WORK, COLUMNS)) {
                assertThat(writer.rowsPerInsert()).isEqualTo(BulkWriter.SQLITE_MAX_VARIABLES / COLUMNS.length);
            }
            store.connection().unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_VARIABLE_NUMBER, 50);
            try (BulkWriter writer = BulkWriter.open(dsl, WORK, COLUMNS)) {
                assertThat(writer.rowsPerInsert()).isEqualTo(50 / COLUMNS.length);
                for (int i = 0; i < 1_000; i++) {
                    writer.add("r" + i, i, (long) i, i / 2.0, i % 2 == 0, LocalDate.of(2020, 1, 1).plusDays(i), null);
                }
            }
            assertThat(dsl.fetchCount(DSL.table(WORK))).isEqualTo(1_000);
        }
    }

    @EachStore
    void longTextIsBoundNotSpelledIntoTheStatement(BreakwaterStore store) {
        DSLContext dsl = workTable(store);
        String polygon = "POLYGON((" + "1 2, ".repeat(400_000) + "1 2))";
        try (BulkWriter writer = BulkWriter.open(dsl, WORK, COLUMNS)) {
            for (int i = 0; i < 3; i++) {
                writer.add(polygon, i, null, null, null, null, null);
            }
        }
        assertThat(dsl.select(DSL.sum(DSL.length(NAME))).from(WORK).fetchOne(0, Long.class))
                .isEqualTo(3L * polygon.length());
    }

    @EachStore
    void rowsGoWithTheCallersTransactionAndRollBackWithIt(BreakwaterStore store) {
        DSLContext dsl = workTable(store);
        assertThatThrownBy(() -> dsl.transaction(cfg -> {
            try (BulkWriter writer = BulkWriter.inBackground(cfg.dsl(), WORK, COLUMNS)) {
                for (int i = 0; i < 5_000; i++) {
                    writer.add("r" + i, i, null, null, null, null, null);
                }
            }
            assertThat(cfg.dsl().fetchCount(DSL.table(WORK))).isEqualTo(5_000);
            throw new IllegalStateException("a later step fails");
        })).hasMessageContaining("a later step fails");
        assertThat(dsl.fetchCount(DSL.table(WORK))).isZero();
    }

    @EachStore
    void aBackgroundWriterKeepsTheOrderOfItsRows(BreakwaterStore store) {
        DSLContext dsl = workTable(store);
        try (BulkWriter writer = BulkWriter.inBackground(dsl, WORK, COLUMNS)) {
            for (int i = 0; i < 10_000; i++) {
                writer.add(String.format("r%05d", i), i, null, null, null, null, null);
            }
        }
        List<Integer> counts = dsl.select(COUNT).from(WORK).orderBy(NAME).fetch(COUNT);
        assertThat(counts).hasSize(10_000).isSorted();
    }

    @EachStoreKind
    void aRowOfTheWrongWidthOrAnUnwritableValueIsRefusedByName(TestStores.Kind kind) {
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            DSLContext dsl = workTable(store);
            try (BulkWriter writer = BulkWriter.open(dsl, WORK, COLUMNS)) {
                assertThatThrownBy(() -> writer.add("only", 1)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("bulk_work: expected 7 values, got 2");
            }
            if (kind == TestStores.Kind.DUCKDB) {
                try (BulkWriter writer = BulkWriter.open(dsl, WORK, COLUMNS)) {
                    assertThatThrownBy(() -> writer.add("x", 1, null, null, new Object(), null, null))
                            .hasMessage("cannot write a Object to bulk_work.flag");
                }
            }
        }
    }

    private static DSLContext workTable(BreakwaterStore store) {
        DSLContext dsl = store.dsl();
        dsl.createTable(WORK).columns(COLUMNS).execute();
        return dsl;
    }
}
