package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.StoreLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BI beside the pipeline (issue 18, items 3 and 4): commands that only read run while another process holds the
 * DuckDB file read-only; a writer fails at once naming what to close; a mistyped store is refused and nothing created.
 */
class ReadOnlyStoreTests {
    @TempDir
    Path dir;

    @Test
    void readersRunWhileAnotherProcessHoldsTheStoreReadOnlyAndAWriterFailsAtOnceWith5() throws Exception {
        String db = dir.resolve("bi.duckdb").toString();
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.parse(db))) {
            DemoFixture.fill(store, 9);
        }
        Outcome refresh = CliRun.run("bi", "refresh", "--db", db).succeeded();

        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldReadOnly.class.getName(), db)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).as("the reader holds the store").startsWith("holding ");

            Outcome info = CliRun.run("db", "info", "--db", db).succeeded();
            assertThat(info.out()).containsPattern("fct_break\\s+[1-9][\\d,]*");

            Path html = dir.resolve("report.html");
            CliRun.run("report", "--no-refresh", "--out", html.toString(), "--db", db).succeeded();
            assertThat(html).isNotEmptyFile();

            Path folder = dir.resolve("powerbi");
            Outcome export = CliRun.run("export", "powerbi", "--out", folder.toString(), "--db", db).succeeded();
            assertThat(export.err()).contains("held read-only by another program")
                    .contains("star tables were not refreshed");
            assertThat(folder.resolve("fct_break.parquet")).isNotEmptyFile();
            assertThat(export.out()).containsPattern("fct_break\\s+[1-9][\\d,]* rows");

            CliRun.run("model", "list", "--db", db).succeeded();

            long t0 = System.nanoTime();
            Outcome writer = CliRun.run("bi", "refresh", "--db", db);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(writer.exitCode()).as(writer.err()).isEqualTo(5);
            assertThat(writer.err().strip()).doesNotContain("\n")
                    .startsWith("breakwater: the store " + db + " is locked by another program")
                    .containsPattern("held by .*PID " + reader.pid())
                    .contains("close it");
            assertThat(seconds).as("fails at once, no waiting").isLessThan(5);
        } finally {
            reader.getOutputStream().close();
            if (!reader.waitFor(30, TimeUnit.SECONDS)) {
                reader.destroyForcibly();
            }
        }
        Outcome afterwards = CliRun.run("bi", "refresh", "--db", db);
        assertThat(afterwards.exitCode()).as("the reader gone, the writer runs: " + afterwards.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"export powerbi --out OUT", "report --out OUT", "db info", "bi refresh", "score --month 2020-01",
        "model list", "model show m1", "features build", "model train --feature-set f@1"})
    void aMistypedStoreIsRefusedWith4AndNothingIsCreated(String command) throws Exception {
        Path typo = dir.resolve("breakwatr.duckdb");
        Path out = dir.resolve("out");
        String[] words = command.replace("OUT", out.toString()).split(" ");
        String[] args = new String[words.length + 2];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--db";
        args[words.length + 1] = typo.toString();
        Outcome outcome = CliRun.run(args);
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(4);
        assertThat(outcome.err().strip()).isEqualTo("breakwater: database " + typo + " does not exist: check --db (only "
                + "'db migrate', 'ingest', 'run' and 'demo' create a store)");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no database, no output folder, no report").isEmpty();
        }
    }

    @Test
    void aSqliteStoreIsReadOnlyForReaders() throws Exception {
        String db = dir.resolve("bi.sqlite").toString();
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.parse(db))) {
            DemoFixture.fill(store, 9);
        }
        try (BreakwaterStore store = BreakwaterStore.openReadOnly(db)) {
            assertThat(store.isReadOnly()).isTrue();
            assertThat(store.schemaVersion()).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.connection().createStatement()
                    .execute("DELETE FROM areas")).hasMessageContaining("readonly");
        }
        CliRun.run("db", "info", "--db", db).succeeded();
    }
}
