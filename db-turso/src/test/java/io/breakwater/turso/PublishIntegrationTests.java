package io.breakwater.turso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.TableSummary;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import io.breakwater.turso.testing.Fixture;
import io.breakwater.turso.testing.TursoEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.breakwater.db.schema.Tables.CLIMATE_DAILY;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

class PublishIntegrationTests {
    @TempDir
    Path dir;

    @EachStoreKind
    void publishesEveryTableVerifiesAndASecondPublishChangesNothing(TestStores.Kind kind) throws Exception {
        try (TursoEngine engine = TursoEngine.start(dir); BreakwaterStore local = TestStores.fresh(kind, dir)) {
            long rows = Fixture.fill(local, 42, 150);
            TursoClient remote = TursoClient.builder(engine.url()).build();

            PublishResult first = Publish.builder(local, remote).build().run();

            assertThat(first.verified()).as("%s", first.verification().differences()).isTrue();
            assertThat(first.migrationsApplied()).isEqualTo(local.migrationAtOpen().migrationsApplied());
            assertThat(first.rowsWritten()).isEqualTo(rows);
            assertThat(first.schemaVersion()).isEqualTo(local.schemaVersion());
            assertThat(first.tables()).hasSize(BreakwaterStore.contractTables().size())
                    .allSatisfy(t -> assertThat(t.status()).isEqualTo("copied"));

            // read back: counts per table and the typed storage a SQLite reader expects
            Map<String, Long> localCounts = local.tables().stream()
                    .collect(Collectors.toMap(TableSummary::name, TableSummary::rowCount));
            for (Map.Entry<String, Long> e : localCounts.entrySet()) {
                assertThat(remote.execute(HranaStatement.of("SELECT count(*) FROM " + e.getKey())).singleValue()
                        .javaValue()).as(e.getKey()).isEqualTo(e.getValue());
            }
            HranaResult types = remote.execute(HranaStatement.of(
                    "SELECT typeof(is_synthetic), typeof(area_km2), typeof(run_id) FROM soil_zones LIMIT 1"));
            assertThat(types.rows().get(0)).extracting(HranaValue::javaValue).containsExactly("integer", "real", "integer");
            LocalDate date = local.dsl().select(CLIMATE_DAILY.OBS_DATE).from(CLIMATE_DAILY)
                    .where(CLIMATE_DAILY.STATION_ID.eq("station_id-000007")).fetchOne().value1();
            assertThat(remote.execute(HranaStatement.of("SELECT obs_date FROM climate_daily WHERE station_id = ?",
                    HranaValue.of("station_id-000007"))).singleValue().javaValue()).isEqualTo(date.toString());
            assertThat(remote.execute(HranaStatement.of("SELECT count(*) FROM pipes WHERE area_id IS NULL"))
                    .singleValue().javaValue()).isEqualTo((long) local.dsl().fetchCount(PIPES, PIPES.AREA_ID.isNull()));
            assertThat(remote.execute(HranaStatement.of(
                    "SELECT version FROM breakwater_schema_history ORDER BY installed_rank DESC LIMIT 1"))
                    .singleValue().javaValue()).isEqualTo(local.schemaVersion());

            ParityResult parity = Parity.builder().build().compare(ParitySource.of(local), ParitySource.of(remote));
            assertThat(parity.same()).as("%s", parity.differences()).isTrue();
            assertThat(parity.schemaVersionB()).isEqualTo(local.schemaVersion());

            PublishResult second = Publish.builder(local, remote).build().run();
            assertThat(second.changedNothing()).isTrue();
            assertThat(second.verified()).isTrue();
            assertThat(second.tables()).allSatisfy(t -> assertThat(t.status()).isEqualTo("unchanged"));

            // a local change reaches the remote: one row updated, one deleted, the rest untouched
            local.dsl().update(SOIL_ZONES).set(SOIL_ZONES.CORROSIVITY_INDEX, 0.123456789012)
                    .where(SOIL_ZONES.ZONE_ID.eq("zone_id-000003")).execute();
            local.dsl().deleteFrom(PIPES).where(PIPES.PIPE_ID.eq("pipe_id-000010")).execute();
            PublishResult third = Publish.builder(local, remote).build().run();
            assertThat(third.verified()).isTrue();
            assertThat(third.rowsDeleted()).isEqualTo(1);
            assertThat(third.tables().stream().filter(t -> !t.status().equals("unchanged")))
                    .extracting(TablePublishResult::table).containsExactlyInAnyOrder("pipes", "soil_zones");
            assertThat(remote.execute(HranaStatement.of(
                    "SELECT corrosivity_index FROM soil_zones WHERE zone_id = 'zone_id-000003'")).singleValue()
                    .javaValue()).isEqualTo(0.123456789012);
        }
    }

    @Test
    void aPublishKilledHalfwayResumesAndLeavesNoDuplicates() throws Exception {
        Path file = dir.resolve("killed.duckdb");
        long rows;
        try (BreakwaterStore local = BreakwaterStore.open(file.toString())) {
            rows = Fixture.fill(local, 7, 200);
        }
        try (TursoEngine engine = TursoEngine.start(dir)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    PublishChild.class.getName(), file.toString(), engine.url(), "25").redirectErrorStream(true).start();
            long seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    // kill it in the middle of the monthly panel (600 rows, 24 batches), after a dozen tables
                    if (line.startsWith("progress publish pipe_features_monthly ")) {
                        seen = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                        if (seen >= 200) {
                            child.destroyForcibly();
                            break;
                        }
                    }
                    assertThat(line).isNotEqualTo("done");
                }
            }
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).as("the child was killed halfway").isBetween(200L, 575L);

            TursoClient remote = TursoClient.builder(engine.url()).build();
            long halfway = (Long) remote.execute(HranaStatement.of("SELECT count(*) FROM pipe_features_monthly"))
                    .singleValue().javaValue();
            assertThat(halfway).isBetween(200L, 599L);

            try (BreakwaterStore local = BreakwaterStore.openExisting(file.toString())) {
                PublishResult resumed = Publish.builder(local, remote).batchRows(25).build().run();
                assertThat(resumed.verified()).as("%s", resumed.verification().differences()).isTrue();
                TablePublishResult panel = resumed.tables().stream()
                        .filter(t -> t.table().equals("pipe_features_monthly")).findFirst().orElseThrow();
                assertThat(panel.status()).isEqualTo("resumed");
                assertThat(panel.rowsSkipped()).isGreaterThanOrEqualTo(halfway - 25).isLessThanOrEqualTo(halfway);
                assertThat(panel.rowsSkipped() + panel.rowsWritten()).isEqualTo(600);
                assertThat(resumed.tables()).filteredOn(t -> t.table().compareTo("pipe_features_monthly") < 0)
                        .allSatisfy(t -> assertThat(t.status()).isEqualTo("unchanged"));
                long remoteRows = 0;
                for (TableSummary t : local.tables()) {
                    long n = (Long) remote.execute(HranaStatement.of("SELECT count(*) FROM " + t.name())).singleValue()
                            .javaValue();
                    assertThat(n).as(t.name()).isEqualTo(t.rowCount());
                    remoteRows += n;
                }
                assertThat(remoteRows).isEqualTo(rows);
            }
        }
    }

    @Test
    void aRemoteEditedBehindOurBackIsRepairedByTheVerification() throws Exception {
        try (TursoEngine engine = TursoEngine.start(dir);
                BreakwaterStore local = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Fixture.fill(local, 3, 60);
            TursoClient remote = TursoClient.builder(engine.url()).build();
            Publish.builder(local, remote).build().run();
            remote.execute(HranaStatement.of("UPDATE pipes SET length_m = length_m + 1 WHERE pipe_id = 'pipe_id-000001'"));
            remote.execute(HranaStatement.of("INSERT INTO model_metrics (model_id, scorer, period, metric) "
                    + "VALUES ('stray', 'model', '2014', 'roc_auc')"));

            PublishResult result = Publish.builder(local, remote).build().run();

            assertThat(result.verified()).isTrue();
            assertThat(result.tables()).filteredOn(t -> t.status().equals("recopied"))
                    .extracting(TablePublishResult::table).containsExactlyInAnyOrder("pipes", "model_metrics");
            assertThat(result.rowsDeleted()).isEqualTo(1);
        }
    }

    @Test
    void aRemoteWithAMigrationTheLocalStoreLacksIsRefused() throws Exception {
        try (TursoEngine engine = TursoEngine.start(dir);
                BreakwaterStore local = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            TursoClient remote = TursoClient.builder(engine.url()).build();
            Publish.builder(local, remote).build().run();
            remote.execute(HranaStatement.of("INSERT INTO breakwater_schema_history VALUES "
                    + "(99, '99', 'future', 'SQL', 'V99__future.sql', 1, '', '2030-01-01', 1, 1)"));
            assertThatThrownBy(() -> Publish.builder(local, remote).build().run())
                    .isInstanceOfSatisfying(BreakwaterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH))
                    .hasMessageContaining("has schema migration 99 (V99__future.sql)");
        }
    }

    @Test
    void serverErrorsAndAnUnreachableHostGiveOneLineRemoteFailures() throws Exception {
        try (TursoEngine engine = TursoEngine.start(dir);
                BreakwaterStore local = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            TursoClient remote = TursoClient.builder(engine.url()).build();
            assertThatThrownBy(() -> remote.execute(HranaStatement.of("SELEC oops")))
                    .isInstanceOfSatisfying(BreakwaterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.REMOTE_FAILURE))
                    .hasMessageContaining("refused 'SELEC oops'").hasMessageContaining("syntax error")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> remote.transaction(List.of(
                    HranaStatement.of("CREATE TABLE t (a INTEGER PRIMARY KEY)"),
                    HranaStatement.of("INSERT INTO t VALUES (1)"), HranaStatement.of("INSERT INTO t VALUES (1)"))))
                    .hasMessageContaining("refused 'INSERT INTO t VALUES (1)'").hasMessageContaining("UNIQUE")
                    .hasMessageContaining("rolled back");
            assertThat(remote.execute(HranaStatement.of("SELECT count(*) FROM sqlite_master WHERE name = 't'"))
                    .singleValue().javaValue()).as("the failed transaction left nothing").isEqualTo(0L);

            TursoClient wrongPath = TursoClient.builder(engine.url() + "/some/db").build();
            assertThatThrownBy(() -> Publish.builder(local, wrongPath).build().run())
                    .isInstanceOfSatisfying(BreakwaterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.REMOTE_FAILURE))
                    .hasMessageContaining("answered HTTP 404").hasMessageNotContaining("\n");

            TursoClient nobody = TursoClient.builder("http://127.0.0.1:" + TursoEngine.freePort()).build();
            assertThatThrownBy(() -> Publish.builder(local, nobody).build().run())
                    .isInstanceOfSatisfying(BreakwaterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.REMOTE_FAILURE))
                    .hasMessageStartingWith("cannot reach Turso database http://127.0.0.1:")
                    .hasMessageEndingWith("connection refused");
        }
    }
}
