package io.breakwater.cli;

import static io.breakwater.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DbCommandTests {
    @TempDir
    Path dir;


    @ParameterizedTest
    @ValueSource(strings = {"bw.duckdb", "bw.sqlite"})
    void migrateCreatesEveryTableThenIsANoOpAndInfoListsThem(String file) {
        String db = dir.resolve(file).toString();
        Outcome first = run("db", "migrate", "--db", db).succeeded();
        assertThat(first.out()).contains("migrated from an empty database to schema version");

        Outcome second = run("db", "migrate", "--db", db);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("is up to date, nothing to do");

        Outcome info = run("db", "info", "--db", db);
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("schema version")
                .containsPattern("pipe_breaks_clean\\s+0")
                .containsPattern("climate_monthly\\s+0")
                .containsPattern("pipe_break_risk_scores\\s+0");
    }

    @Test
    void aMissingFolderGivesExitCode4AndOneLine() {
        Outcome outcome = run("db", "migrate", "--db", dir.resolve("nope/bw.duckdb").toString());
        assertThat(outcome.exitCode()).isEqualTo(4);
        assertThat(outcome.err().strip()).doesNotContain("\n").contains("does not exist").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("nope"))).isFalse();
    }

    @Test
    void infoOnAFileThatIsNotADatabaseGivesExitCode4() throws Exception {
        Path notes = dir.resolve("notes.duckdb");
        Files.writeString(notes, "not a database at all\n".repeat(500));
        Outcome outcome = run("db", "info", "--db", notes.toString());
        assertThat(outcome.exitCode()).isEqualTo(4);
        assertThat(outcome.err().strip()).isEqualTo("breakwater: cannot open " + notes + ": the file is not a DuckDB database");
    }

    @Test
    void infoOnAMissingFileCreatesNothing() {
        Path missing = dir.resolve("missing.duckdb");
        Outcome outcome = run("db", "info", "--db", missing.toString());
        assertThat(outcome.exitCode()).isEqualTo(4);
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void unknownOptionIsAUsageError() {
        Outcome outcome = run("db", "migrate", "--dbb", "x");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Unknown options: '--dbb'").contains("Try 'breakwater db migrate --help'");
    }

    @Test
    void versionNamesTheBuild() {
        Outcome outcome = run("--version");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("breakwater 0.");
    }
}
