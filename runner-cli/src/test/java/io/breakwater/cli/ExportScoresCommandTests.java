package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.testing.SimulatedCity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater export scores}: risk scores and back-test scores as CSV and Parquet files. */
class ExportScoresCommandTests {
    @TempDir
    Path dir;

    @Test
    void riskAndBackTestScoresAreExportedAsCsvAndParquetAndABadFormatIsRefused() throws Exception {
        String db = dir.resolve("bw.duckdb").toString();
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            SimulatedCity.generate(200, YearMonth.of(2004, 1), 7, 3L).writeTo(store, "sim@1");
        }
        assertThat(DbCommandTests.run("model", "evaluate", "--db", db, "--feature-set", "sim@1", "--test-years",
                "2009-2010", "--trees", "20", "--depth", "2", "--quiet").exitCode()).isZero();
        assertThat(DbCommandTests.run("model", "train", "--db", db, "--feature-set", "sim@1", "--trees", "20",
                "--depth", "2", "--quiet").exitCode()).isZero();
        assertThat(DbCommandTests.run("score", "--db", db, "--month", "2010-12", "--quiet").exitCode()).isZero();

        DbCommandTests.Outcome csv = DbCommandTests.run("export", "scores", "--db", db, "--out",
                dir.resolve("csv").toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out()).containsPattern("risk_scores\\s+200 rows").containsPattern("backtest_scores\\s+400 rows");
        List<String> backtest = Files.readAllLines(dir.resolve("csv").resolve("backtest_scores.csv"));
        assertThat(backtest).hasSize(401);
        assertThat(backtest.get(0)).isEqualTo("evaluation_id,test_year,asset_id,score,score_per_km,score_rank,"
                + "rank_per_km,breaks_observed,ranker,feature_set_id,target,grain");
        assertThat(Files.readAllLines(dir.resolve("csv").resolve("risk_scores.csv"))).hasSize(201);

        DbCommandTests.Outcome parquet = DbCommandTests.run("export", "scores", "--db", db, "--format", "parquet",
                "--out", dir.resolve("pq").toString());
        assertThat(parquet.exitCode()).as(parquet.err()).isZero();
        try (var duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement().executeQuery("SELECT count(*), count(DISTINCT test_year), "
                        + "min(score_rank) FROM '" + dir.resolve("pq").resolve("backtest_scores.parquet") + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(400);
            assertThat(rs.getLong(2)).isEqualTo(2);
            assertThat(rs.getLong(3)).isEqualTo(1);
        }

        DbCommandTests.Outcome bad = DbCommandTests.run("export", "scores", "--db", db, "--format", "xlsx", "--out",
                dir.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("xlsx").contains("csv or parquet");
    }

    @Test
    void aSqliteStoreKeepsItsBackTestScoresAndExportsThemThroughCsvToParquet() throws Exception {
        String db = dir.resolve("bw.sqlite").toString();
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            SimulatedCity.generate(120, YearMonth.of(2004, 1), 7, 4L).writeTo(store, "sim@1");
        }
        DbCommandTests.Outcome eval = DbCommandTests.run("model", "evaluate", "--db", db, "--feature-set", "sim@1",
                "--test-years", "2010", "--trees", "20", "--depth", "2", "--quiet");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        DbCommandTests.Outcome csv = DbCommandTests.run("export", "scores", "--db", db, "--out",
                dir.resolve("csv").toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("csv").resolve("backtest_scores.csv"));
        assertThat(rows).hasSize(121);
        assertThat(rows.get(1)).startsWith("eval-").contains(",2010,").endsWith(",sim@1,any_break,pipe");
        DbCommandTests.Outcome parquet = DbCommandTests.run("export", "scores", "--db", db, "--format", "parquet",
                "--out", dir.resolve("pq").toString());
        assertThat(parquet.exitCode()).as(parquet.err()).isZero();
        try (var duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement().executeQuery("SELECT count(*), max(score_rank) FROM '"
                        + dir.resolve("pq").resolve("backtest_scores.parquet") + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(120);
            assertThat(rs.getLong(2)).isEqualTo(120);
        }
        assertThat(dir.resolve("pq")).isDirectoryNotContaining("glob:**.csv");
    }
}
