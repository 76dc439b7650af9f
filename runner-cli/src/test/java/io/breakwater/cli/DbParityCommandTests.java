package io.breakwater.cli;

import static io.breakwater.cli.CliRun.run;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPES;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.turso.testing.Fixture;
import io.breakwater.turso.testing.TursoEngine;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbParityCommandTests {
    @TempDir
    Path dir;

    @Test
    void duckDbAndSqliteWithTheSameContentAreTheSameThenADifferenceExitsNine() {
        String duck = dir.resolve("a.duckdb").toString();
        String lite = dir.resolve("b.sqlite").toString();
        try (BreakwaterStore a = BreakwaterStore.open(duck); BreakwaterStore b = BreakwaterStore.open(lite)) {
            Fixture.fill(a, 1, 30);
            Fixture.fill(b, 1, 30);
        }
        Outcome same = run("db", "parity", duck, lite, "--no-progress").succeeded();
        assertThat(same.out()).containsPattern("pipes\\s+30\\s+30\\s+\\w{12}\\s+\\w{12}\\s+same")
                .contains("same: schema version, " + BreakwaterStore.contractTables().size()
                        + " tables, row counts and checksums (doubles to 9 significant digits; ")
                .contains("left out of the content comparison (run-time columns; --exact compares the run-time "
                        + "columns too):")
                .contains("  ingest_runs: source_path, started_at, finished_at")
                .contains("  pipe_break_risk_scores: scored_at");

        Outcome exact = run("db", "parity", duck, lite, "--no-progress", "--exact").succeeded();
        assertThat(exact.out()).contains("every column of every table compared")
                .contains("(doubles to 9 significant digits)").doesNotContain("left out");

        try (BreakwaterStore b = BreakwaterStore.openExisting(lite)) {
            b.dsl().update(INGEST_RUNS).set(INGEST_RUNS.STARTED_AT, LocalDateTime.of(2031, 5, 6, 7, 8, 9)).execute();
            b.dsl().update(PIPES).set(PIPES.MATERIAL_RAW, "CI").execute();
        }
        Outcome runTime = run("db", "parity", duck, lite, "--no-progress", "--ignore-columns", "pipes.material_raw",
                "--ignore-tables", "dim_date");
        assertThat(runTime.exitCode()).as(runTime.out()).isZero();
        assertThat(runTime.out()).contains("run-time columns and --ignore-*").contains("  pipes: material_raw")
                .contains("  dim_date: content (row counts compared)")
                .containsPattern("dim_date\\s+30\\s+30\\s+-\\s+-\\s+same \\(rows only\\)");
        Outcome exactAgain = run("db", "parity", duck, lite, "--no-progress", "--exact");
        assertThat(exactAgain.exitCode()).isEqualTo(9);
        assertThat(exactAgain.out()).contains("  ingest_runs: same 30 rows but contents differ in started_at (")
                .contains("  pipes: same 30 rows but contents differ in material_raw (");
        Outcome typo = run("db", "parity", duck, lite, "--no-progress", "--ignore-columns", "scored_att");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("breakwater: cannot leave out column 'scored_att': no table of the "
                + "schema contract has that column (expected COLUMN or TABLE.COLUMN)");

        try (BreakwaterStore b = BreakwaterStore.openExisting(lite)) {
            b.dsl().update(PIPES).set(PIPES.MATERIAL, "pvc").where(PIPES.PIPE_ID.eq("pipe_id-000004")).execute();
            b.dsl().deleteFrom(PIPES).where(PIPES.PIPE_ID.eq("pipe_id-000005")).execute();
        }
        Outcome differ = run("db", "parity", duck, lite, "--no-progress");
        assertThat(differ.exitCode()).isEqualTo(9);
        assertThat(differ.out()).containsPattern("pipes\\s+30\\s+29\\s+.*DIFFERENT")
                .contains("1 difference(s):").contains("  pipes: row counts differ (A 30, B 29)");
    }

    @Test
    void aMissingStoreIsExitFourAndAnUnreachableRemoteExitEight() throws Exception {
        String duck = dir.resolve("a.duckdb").toString();
        BreakwaterStore.open(duck).close();
        Outcome missing = run("db", "parity", duck, dir.resolve("nope.sqlite").toString(), "--no-progress");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("does not exist");

        String url = "http://127.0.0.1:" + TursoEngine.freePort();
        Outcome unreachable = run("db", "parity", duck, url, "--no-progress");
        assertThat(unreachable.exitCode()).isEqualTo(8);
        assertThat(unreachable.err().strip()).isEqualTo("breakwater: cannot reach Turso database " + url
                + ": connection refused");
    }

    @Test
    void publishRefusesALocalTargetAndReportsAnUnreachableHostInOneLine() throws Exception {
        String duck = dir.resolve("a.duckdb").toString();
        BreakwaterStore.open(duck).close();
        Outcome local = run("db", "publish", "--from", duck, "--to", dir.resolve("b.sqlite").toString());
        assertThat(local.exitCode()).isEqualTo(2);
        assertThat(local.err()).contains("is not a remote database");

        String url = "http://127.0.0.1:" + TursoEngine.freePort();
        Outcome unreachable = run("db", "publish", "--from", duck, "--to", url, "--no-progress");
        assertThat(unreachable.exitCode()).isEqualTo(8);
        assertThat(unreachable.err().strip()).isEqualTo("breakwater: cannot reach Turso database " + url
                + ": connection refused");
        assertThat(unreachable.out()).doesNotContain("published");
    }

    @Test
    void anErrorAnswerFromTheServerIsOneLineAndExitEightForParityAndPublish() throws Exception {
        String duck = dir.resolve("a.duckdb").toString();
        BreakwaterStore.open(duck).close();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "upstream database\nis restarting\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Outcome parity = run("db", "parity", duck, url, "--no-progress");
            assertThat(parity.exitCode()).isEqualTo(8);
            assertThat(parity.err().strip()).isEqualTo("breakwater: Turso database " + url
                    + " answered HTTP 503: upstream database is restarting");

            Outcome publish = run("db", "publish", "--from", duck, "--to", url, "--no-progress");
            assertThat(publish.exitCode()).isEqualTo(8);
            assertThat(publish.err().strip()).isEqualTo("breakwater: Turso database " + url
                    + " answered HTTP 503: upstream database is restarting");
            assertThat(publish.out()).doesNotContain("published");
        } finally {
            server.stop(0);
        }
    }
}
