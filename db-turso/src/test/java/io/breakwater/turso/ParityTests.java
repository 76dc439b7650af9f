package io.breakwater.turso;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.db.schema.Tables.PIPES;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.TestStores;
import io.breakwater.turso.testing.Fixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityTests {
    @TempDir
    Path dir;

    @Test
    void duckDbAndSqliteWithTheSameContentAreTheSame() {
        try (BreakwaterStore duck = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
                BreakwaterStore lite = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            Fixture.fill(duck, 11, 80);
            Fixture.fill(lite, 11, 80);

            ParityResult result = Parity.builder().build().compare(duck, lite);

            assertThat(result.differences()).isEmpty();
            assertThat(result.same()).isTrue();
            assertThat(result.schemaVersionA()).isEqualTo(result.schemaVersionB()).isNotNull();
            assertThat(result.tables()).hasSize(BreakwaterStore.contractTables().size())
                    .allSatisfy(t -> assertThat(t.rowsA()).isPositive().isEqualTo(t.rowsB()));
            assertThat(result.significantDigits()).isEqualTo(9);
        }
    }

    @Test
    void doublesDifferingPastTheNinthSignificantDigitAreTheSameAndBeyondThatTheyDiffer() {
        try (BreakwaterStore duck = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
                BreakwaterStore lite = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            Fixture.fill(duck, 5, 40);
            Fixture.fill(lite, 5, 40);
            // what two engines' different summation orders do to an aggregate: the last bits move
            duck.dsl().update(PIPE_FEATURES_MONTHLY).set(PIPE_FEATURES_MONTHLY.MONTH_SIN, 0.49999999999999994).execute();
            lite.dsl().update(PIPE_FEATURES_MONTHLY).set(PIPE_FEATURES_MONTHLY.MONTH_SIN, 0.5000000000000001).execute();
            assertThat(Parity.builder().build().compare(duck, lite).same()).isTrue();

            duck.dsl().update(CLIMATE_MONTHLY).set(CLIMATE_MONTHLY.PRECIP_MM, 81.2)
                    .where(CLIMATE_MONTHLY.SERIES_ID.eq("series_id-000004")).execute();
            lite.dsl().update(CLIMATE_MONTHLY).set(CLIMATE_MONTHLY.PRECIP_MM, 81.2000001)
                    .where(CLIMATE_MONTHLY.SERIES_ID.eq("series_id-000004")).execute();
            ParityResult result = Parity.builder().build().compare(duck, lite);
            assertThat(result.same()).isFalse();
            assertThat(result.differences()).singleElement().asString()
                    .startsWith("climate_monthly: same 40 rows but contents differ");
            assertThat(Parity.builder().significantDigits(3).build().compare(duck, lite).same())
                    .as("a coarser tolerance hides the change").isTrue();
        }
    }

    @Test
    void missingRowsNullsAndAnUnmigratedStoreAreListed() throws Exception {
        java.nio.file.Files.createFile(dir.resolve("blank.sqlite"));
        try (BreakwaterStore a = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
                BreakwaterStore b = TestStores.fresh(TestStores.Kind.SQLITE, dir);
                BreakwaterStore empty = BreakwaterStore.openExisting(dir.resolve("blank.sqlite").toString())) {
            Fixture.fill(a, 9, 30);
            Fixture.fill(b, 9, 30);
            b.dsl().deleteFrom(PIPES).where(PIPES.PIPE_ID.eq("pipe_id-000002")).execute();
            b.dsl().update(INGEST_RUNS).setNull(INGEST_RUNS.FINISHED_AT).where(INGEST_RUNS.RUN_ID.eq(3L)).execute();

            ParityResult result = Parity.builder().build().compare(a, b);
            assertThat(result.differences()).containsExactly("ingest_runs: same 30 rows but contents differ (checksum A "
                    + result.tables().stream().filter(t -> t.table().equals("ingest_runs")).findFirst().orElseThrow()
                            .checksumA().substring(0, 12) + ", B "
                    + result.tables().stream().filter(t -> t.table().equals("ingest_runs")).findFirst().orElseThrow()
                            .checksumB().substring(0, 12) + ")",
                    "pipes: row counts differ (A 30, B 29)");
            assertThat(result.differingTables()).extracting(TableParity::table).containsExactly("ingest_runs", "pipes");

            ParityResult versus = Parity.builder().build().compare(a, empty);
            assertThat(versus.differences().get(0)).isEqualTo("schema version differs: A " + a.schemaVersion()
                    + ", B none");
            assertThat(versus.differences()).contains("pipes: missing in B");
        }
    }
}
