package io.breakwater.turso;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.TestStores;
import io.breakwater.turso.testing.Fixture;
import io.breakwater.turso.testing.StorePair;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityTests {
    @TempDir
    Path dir;

    @Test
    void duckDbAndSqliteWithTheSameContentAreTheSame() {
        try (StorePair stores = StorePair.filled(dir, 11, 80)) {
            BreakwaterStore duck = stores.duck();
            BreakwaterStore lite = stores.lite();

            ParityResult result = Parity.builder().build().compare(duck, lite);

            assertThat(result.differences()).isEmpty();
            assertThat(result.same()).isTrue();
            assertThat(result.schemaVersionA()).isEqualTo(result.schemaVersionB()).isNotNull();
            assertThat(result.tables()).hasSize(BreakwaterStore.contractTables().size())
                    .allSatisfy(t -> assertThat(t.rowsA()).isPositive().isEqualTo(t.rowsB()));
            assertThat(result.significantDigits()).isEqualTo(9);
            assertThat(result.leftOut()).as("nothing is left out by default").isEmpty();
            assertThat(result.tables()).allSatisfy(t -> assertThat(t.contentCompared()).isTrue());
        }
    }

    @Test
    void runTimeColumnsAreLeftOutOnlyWhenAskedAndTheDifferingColumnsAreNamed() {
        try (StorePair stores = StorePair.filled(dir, 21, 40)) {
            BreakwaterStore duck = stores.duck();
            BreakwaterStore lite = stores.lite();
            // a second run of the same pipeline: same data, other clock readings
            lite.dsl().update(INGEST_RUNS).set(INGEST_RUNS.STARTED_AT, LocalDateTime.of(2030, 1, 2, 3, 4, 5))
                    .set(INGEST_RUNS.FINISHED_AT, LocalDateTime.of(2030, 1, 2, 3, 4, 6)).execute();
            lite.dsl().update(PIPE_BREAK_RISK_SCORES).set(PIPE_BREAK_RISK_SCORES.SCORED_AT, LocalDateTime.of(2030, 1, 3, 0, 0))
                    .execute();

            ParityResult exact = Parity.builder().build().compare(duck, lite);
            assertThat(exact.differences()).hasSize(2);
            assertThat(exact.differences().get(0)).startsWith("ingest_runs: same 40 rows but contents differ in "
                    + "started_at, finished_at (checksum A ");
            assertThat(exact.differences().get(1)).startsWith("pipe_break_risk_scores: same 40 rows but contents "
                    + "differ in scored_at (");

            ParityResult runTime = Parity.builder().exclusions(ParityExclusions.RUN_TIME).build().compare(duck, lite);
            assertThat(runTime.differences()).isEmpty();
            assertThat(runTime.exclusions()).isEqualTo(ParityExclusions.RUN_TIME);
            assertThat(runTime.leftOut()).contains("ingest_runs: source_path, started_at, finished_at",
                    "pipe_break_risk_scores: scored_at", "model_registry: artifact_path, created_at");
            TableParity runs = runTime.tables().stream().filter(t -> t.table().equals("ingest_runs")).findFirst()
                    .orElseThrow();
            assertThat(runs.columnsLeftOut()).containsExactly("source_path", "started_at", "finished_at");
            assertThat(runs.checksumA()).as("a checksum over the other columns").isEqualTo(runs.checksumB())
                    .isNotEqualTo(exact.tables().stream().filter(t -> t.table().equals("ingest_runs")).findFirst()
                            .orElseThrow().checksumA());

            // a difference outside the left-out columns is still found
            lite.dsl().update(INGEST_RUNS).set(INGEST_RUNS.ROWS_READ, 1L).where(INGEST_RUNS.RUN_ID.eq(4L)).execute();
            assertThat(Parity.builder().exclusions(ParityExclusions.RUN_TIME).build().compare(duck, lite).differences())
                    .singleElement().asString().startsWith("ingest_runs: same 40 rows but contents differ in rows_read (");
        }
    }

    @Test
    void aTableLeftOutIsComparedByRowCountOnlyAndAColumnWithoutATableIsLeftOutEverywhere() {
        try (StorePair stores = StorePair.filled(dir, 8, 30)) {
            BreakwaterStore duck = stores.duck();
            BreakwaterStore lite = stores.lite();
            lite.dsl().update(PIPES).set(PIPES.MATERIAL, "pvc").execute();
            lite.dsl().update(CLIMATE_MONTHLY).set(CLIMATE_MONTHLY.RUN_ID, 99L).execute();
            lite.dsl().update(INGEST_RUNS).set(INGEST_RUNS.RUN_ID, INGEST_RUNS.RUN_ID.plus(1000)).execute();

            ParityResult result = Parity.builder()
                    .exclusions(ParityExclusions.parse(" ingest_runs ", "material, climate_monthly.run_id")).build()
                    .compare(duck, lite);

            assertThat(result.differences()).isEmpty();
            assertThat(result.leftOut()).contains("ingest_runs: content (row counts compared)",
                    "climate_monthly: run_id", "pipes: material", "pipe_breaks_clean: material");
            TableParity runs = result.tables().stream().filter(t -> t.table().equals("ingest_runs")).findFirst()
                    .orElseThrow();
            assertThat(runs.contentCompared()).isFalse();
            assertThat(runs.rowsA()).isEqualTo(30).isEqualTo(runs.rowsB());
            assertThat(runs.checksumA()).isNull();

            lite.dsl().deleteFrom(INGEST_RUNS).where(INGEST_RUNS.RUN_ID.eq(1005L)).execute();
            ParityResult fewer = Parity.builder().exclusions(ParityExclusions.parse("ingest_runs", null)).build()
                    .compare(duck, lite);
            assertThat(fewer.differences()).containsExactly(
                    "climate_monthly: same 30 rows but contents differ in run_id (checksum A "
                            + shortSums(fewer, "climate_monthly") + ")",
                    "ingest_runs: row counts differ (A 30, B 29)",
                    "pipes: same 30 rows but contents differ in material (checksum A " + shortSums(fewer, "pipes") + ")");
        }
    }

    private static String shortSums(ParityResult result, String table) {
        TableParity t = result.tables().stream().filter(p -> p.table().equals(table)).findFirst().orElseThrow();
        return t.checksumA().substring(0, 12) + ", B " + t.checksumB().substring(0, 12);
    }

    @Test
    void namesThatAreNoContractTableOrColumnAreRefusedAndTheRunTimeSetNamesOnlyRealColumns() {
        assertThatThrownBy(() -> Parity.builder().exclusions(ParityExclusions.parse(null, "scored_att")).build())
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("cannot leave out column 'scored_att': no table of the schema contract has that column "
                        + "(expected COLUMN or TABLE.COLUMN)");
        assertThatThrownBy(() -> Parity.builder().exclusions(ParityExclusions.parse(null, "pipes.scored_at")).build())
                .hasMessageStartingWith("cannot leave out column 'pipes.scored_at': no such column");
        assertThatThrownBy(() -> Parity.builder().exclusions(ParityExclusions.parse("ingest_run", null)).build())
                .hasMessage("cannot leave out table 'ingest_run': no such table in the schema contract");
        assertThatThrownBy(() -> ParityExclusions.parse(null, "a.b.c"))
                .hasMessageContaining("expected COLUMN or TABLE.COLUMN");
        assertThat(ParityExclusions.parse("none", " none ").isEmpty()).isTrue();
        assertThat(Parity.builder().exclusions(ParityExclusions.RUN_TIME).build()).isNotNull();
        assertThat(ParityExclusions.RUN_TIME.tables()).isEmpty();
        assertThat(ParityExclusions.RUN_TIME.columns()).allSatisfy(c -> assertThat(c).contains("."));
    }

    @Test
    void doublesDifferingPastTheNinthSignificantDigitAreTheSameAndBeyondThatTheyDiffer() {
        try (StorePair stores = StorePair.filled(dir, 5, 40)) {
            BreakwaterStore duck = stores.duck();
            BreakwaterStore lite = stores.lite();
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
            // a NULL where the other store has a value (the first run whose finished_at the fixture filled)
            Long run = a.dsl().select(org.jooq.impl.DSL.min(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS)
                    .where(INGEST_RUNS.FINISHED_AT.isNotNull()).fetchOne(0, Long.class);
            b.dsl().update(INGEST_RUNS).setNull(INGEST_RUNS.FINISHED_AT).where(INGEST_RUNS.RUN_ID.eq(run)).execute();

            ParityResult result = Parity.builder().build().compare(a, b);
            assertThat(result.differences()).containsExactly("ingest_runs: same 30 rows but contents differ in "
                    + "finished_at (checksum A " + shortSums(result, "ingest_runs") + ")",
                    "pipes: row counts differ (A 30, B 29)");
            assertThat(result.differingTables()).extracting(TableParity::table).containsExactly("ingest_runs", "pipes");

            ParityResult versus = Parity.builder().build().compare(a, empty);
            assertThat(versus.differences().get(0)).isEqualTo("schema version differs: A " + a.schemaVersion()
                    + ", B none");
            assertThat(versus.differences()).contains("pipes: missing in B");
        }
    }
}
