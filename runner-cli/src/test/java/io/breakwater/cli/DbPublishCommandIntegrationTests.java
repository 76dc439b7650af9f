package io.breakwater.cli;

import static io.breakwater.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.turso.HranaStatement;
import io.breakwater.turso.TursoClient;
import io.breakwater.turso.testing.Fixture;
import io.breakwater.turso.testing.TursoEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbPublishCommandIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void publishTwiceThenParityLocalAgainstRemote() throws Exception {
        String local = dir.resolve("demo.sqlite").toString();
        try (BreakwaterStore store = BreakwaterStore.open(local)) {
            Fixture.fill(store, 2016, 60);
        }
        try (TursoEngine engine = TursoEngine.start(dir)) {
            Outcome first = run("db", "publish", "--from", local, "--to", engine.url(), "--no-progress", "--batch-rows", "100").succeeded();
            assertThat(first.out()).containsPattern("pipe_features_monthly\\s+copied\\s+180\\s+180\\s+0\\s+0")
                    .containsPattern("[1-9]\\d* migration\\(s\\) applied, [0-9,]+ rows written, 0 deleted")
                    .contains("verified: same schema version, row counts and checksums in every table");

            Outcome second = run("db", "publish", "--from", local, "--to", engine.url(), "--no-progress");
            assertThat(second.exitCode()).isZero();
            assertThat(second.out()).containsPattern("pipes\\s+unchanged\\s+60\\s+0\\s+0\\s+0")
                    .contains("(the remote was already up to date: nothing changed)").contains("verified");

            Outcome parity = run("db", "parity", local, engine.url(), "--no-progress");
            assertThat(parity.exitCode()).as(parity.out()).isZero();
            String version;
            try (BreakwaterStore store = BreakwaterStore.openExisting(local)) {
                version = store.schemaVersion();
            }
            assertThat(parity.out()).contains("B = " + engine.url() + " (schema version " + version + ")")
                    .contains("same: schema version, " + BreakwaterStore.contractTables().size() + " tables");

            Outcome wrongPath = run("db", "publish", "--from", local, "--to", engine.url() + "/nope", "--no-progress");
            assertThat(wrongPath.exitCode()).isEqualTo(8);
            assertThat(wrongPath.err().strip()).doesNotContain("\n")
                    .startsWith("breakwater: Turso database " + engine.url() + "/nope answered HTTP 404");
        }
    }

    @Test
    void aRemoteThatRefusesTheSchemaIsOneLineAndExitEight() throws Exception {
        String local = dir.resolve("demo.duckdb").toString();
        BreakwaterStore.open(local).close();
        try (TursoEngine engine = TursoEngine.start(dir)) {
            // another application's database: a table of the same name, another shape
            TursoClient.builder(engine.url()).build().execute(HranaStatement.of("CREATE TABLE pipes (id INTEGER)"));

            Outcome refused = run("db", "publish", "--from", local, "--to", engine.url(), "--no-progress");

            assertThat(refused.exitCode()).as(refused.out()).isEqualTo(8);
            assertThat(refused.err().strip()).doesNotContain("\n")
                    .startsWith("breakwater: Turso database " + engine.url() + " refused '")
                    .contains("already exists").endsWith("the transaction was rolled back");
            assertThat(refused.out()).doesNotContain("published");
        }
    }
}
