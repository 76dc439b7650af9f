package io.breakwater.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.testing.HoldDuckDbLock;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakwaterStoreTests {
    private static final List<String> CONTRACT = List.of("areas", "asset_neighbours", "climate_daily",
            "climate_monthly", "dq_results", "feature_assets", "feature_sets", "ingest_runs", "model_feature_importance",
            "model_metrics", "model_registry", "pipe_break_risk_scores", "pipe_breaks_clean", "pipe_features_monthly",
            "pipes", "rejected_rows", "soil_zones");

    @TempDir
    Path dir;

    @EachStoreKind
    void migratesAFreshFileAndASecondMigrateIsANoOp(TestStores.Kind kind) {
        StoreLocation location = kind.location(dir, "bw");
        assertThatThrownBy(() -> BreakwaterStore.openExisting(location))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE))
                .hasMessageContaining("does not exist");
        assertThat(Files.exists(location.path())).as("openExisting creates nothing").isFalse();
        String latest;
        try (BreakwaterStore store = BreakwaterStore.open(location)) {
            latest = store.schemaVersion();
            assertThat(latest).isNotNull();
            assertThat(store.tables()).extracting(TableSummary::name).containsAll(CONTRACT);
            assertThat(store.tables()).allSatisfy(t -> assertThat(t.rowCount()).isZero());
        }
        assertThat(Files.exists(location.path())).isTrue();
        try (BreakwaterStore store = BreakwaterStore.openExisting(location)) {
            MigrationResult again = store.migrate();
            assertThat(again.migrationsApplied()).isZero();
            assertThat(again.changed()).isFalse();
            assertThat(again.versionBefore()).isEqualTo(latest).isEqualTo(again.versionAfter());
        }
    }

    @EachStoreKind
    void generatedClassesRoundTripARowThroughEveryTable(TestStores.Kind kind) {
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            DSLContext dsl = store.dsl();
            for (Table<?> table : BreakwaterStore.contractTables()) {
                Record written = dsl.newRecord(table);
                int i = 0;
                for (Field<?> field : table.fields()) {
                    set(written, field, ++i);
                }
                dsl.insertInto(table).set(written).execute();
                Record read = dsl.selectFrom(table).fetchOne();
                assertThat(read).as("row read back from %s on %s", table.getName(), kind).isNotNull();
                for (Field<?> field : table.fields()) {
                    assertThat(read.get(field)).as("%s.%s on %s", table.getName(), field.getName(), kind)
                            .isEqualTo(written.get(field));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Record record, Field<?> field, int i) {
        Class<?> type = field.getType();
        Object value;
        if (type == String.class) {
            value = field.getName() + "-é-" + i;
        } else if (type == Integer.class) {
            value = 1000 + i;
        } else if (type == Long.class) {
            value = 5_000_000_000L + i;
        } else if (type == Double.class) {
            value = i + 0.125;
        } else if (type == Boolean.class) {
            value = i % 2 == 0;
        } else if (type == LocalDate.class) {
            value = LocalDate.of(2016, 2, 29).plusDays(i);
        } else if (type == LocalDateTime.class) {
            // timestamps are compared to the millisecond: the portable precision (SQLite stores text)
            value = LocalDateTime.of(2016, 12, 31, 23, 59, 58, 123_000_000).plusSeconds(i);
        } else if (type == BigDecimal.class) {
            value = BigDecimal.valueOf(i);
        } else {
            throw new AssertionError("column type not covered by the portable subset: " + field + " " + type);
        }
        record.set((Field<Object>) field, value);
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsDetected() {
        StoreLocation location = StoreLocation.duckDb(dir.resolve("edited.duckdb"));
        try (BreakwaterStore store = BreakwaterStore.open(location)) {
            // what an edited V1 script looks like to Flyway: its checksum no longer matches the history
            store.dsl().update(DSL.table(DSL.name(BreakwaterStore.HISTORY_TABLE)))
                    .set(DSL.field(DSL.name("checksum"), Integer.class), 12345)
                    .where(DSL.field(DSL.name("version"), String.class).eq("1"))
                    .execute();
        }
        assertThatThrownBy(() -> BreakwaterStore.open(location))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH))
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("version 1")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anEmbeddingProgramsOwnFlywayHistoryDoesNotCollide() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            assertThat(store.dsl().meta().getTables()).extracting(Table::getName)
                    .contains(BreakwaterStore.HISTORY_TABLE)
                    .doesNotContain("flyway_schema_history");
        }
    }

    @Test
    void aMissingFolderIsRefusedWithItsName() {
        Path missing = dir.resolve("no-such-folder").resolve("bw.duckdb");
        assertThatThrownBy(() -> BreakwaterStore.open(missing.toString()))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE))
                .hasMessageContaining("folder " + missing.getParent() + " does not exist");
    }

    @EachStoreKind
    void aFileThatIsNotADatabaseIsRefused(TestStores.Kind kind) throws Exception {
        StoreLocation location = kind.location(dir, "notes");
        Files.writeString(location.path(), "BREAK_DATE,BREAK_YEAR\n19911220,1991\n".repeat(200));
        assertThatThrownBy(() -> BreakwaterStore.open(location))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE))
                .hasMessageContaining("is not a " + (kind == TestStores.Kind.DUCKDB ? "DuckDB" : "SQLite") + " database");
    }

    @Test
    void aDuckDbFileHeldByAnotherProcessIsReportedAsLocked() throws Exception {
        Path file = dir.resolve("held.duckdb");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldDuckDbLock.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            assertThatThrownBy(() -> BreakwaterStore.open(file.toString()))
                    .isInstanceOfSatisfying(BreakwaterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATABASE_LOCKED))
                    .hasMessageContaining("locked by another process");
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void locationStringsChooseTheDatabase() {
        assertThat(StoreLocation.parse("out/bw.duckdb").kind()).isEqualTo(StoreLocation.Kind.DUCKDB_FILE);
        assertThat(StoreLocation.parse("out/bw").kind()).isEqualTo(StoreLocation.Kind.DUCKDB_FILE);
        assertThat(StoreLocation.parse("memory").kind()).isEqualTo(StoreLocation.Kind.DUCKDB_MEMORY);
        assertThat(StoreLocation.parse("out/bw.sqlite").kind()).isEqualTo(StoreLocation.Kind.SQLITE_FILE);
        assertThat(StoreLocation.parse("libsql:out/bw").kind()).isEqualTo(StoreLocation.Kind.SQLITE_FILE);
        assertThat(StoreLocation.parse("libsql://db.example.turso.io").kind()).isEqualTo(StoreLocation.Kind.REMOTE_LIBSQL);
        assertThat(StoreLocation.parse("sqlite:" + File.separator + "x").path()).isEqualTo(Path.of(File.separator + "x"));
    }

    @Test
    void anInMemoryStoreIsMigratedAndUsable() {
        try (BreakwaterStore store = BreakwaterStore.open("memory")) {
            assertThat(store.isDuckDb()).isTrue();
            assertThat(store.tables()).extracting(TableSummary::name).containsAll(CONTRACT);
        }
    }

    @Test
    void anEmbeddingProgramsOwnDataSourceIsMigratedAndUsed() throws Exception {
        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("embedded.sqlite"));
        try (BreakwaterStore store = BreakwaterStore.open(dataSource, StoreLocation.Kind.SQLITE_FILE)) {
            assertThat(store.migrationAtOpen().migrationsApplied()).isPositive();
            assertThat(store.dialect()).isEqualTo(org.jooq.SQLDialect.SQLITE);
            assertThat(store.tables()).extracting(TableSummary::name).containsAll(CONTRACT);
        }
        try (BreakwaterStore again = BreakwaterStore.open(dataSource, StoreLocation.Kind.SQLITE_FILE)) {
            assertThat(again.migrationAtOpen().changed()).isFalse();
        }
    }
}
