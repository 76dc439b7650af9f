package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater export scores}: risk scores and back-test scores as CSV and Parquet files. */
class ExportScoresCommandTests {
    @TempDir
    Path dir;

    @Test
    void riskAndBackTestScoresAreExportedAsCsvAndParquetAndABadFormatIsRefused() throws Exception {
        String db = CliRun.simulatedStore(dir.resolve("bw.duckdb"), 200, 7, 3L);
        assertThat(CliRun.evaluateSimulated(db, "--test-years",
                "2009-2010", "--trees", "20", "--depth", "2", "--quiet").exitCode()).isZero();
        assertThat(CliRun.run("model", "train", "--db", db, "--feature-set", "sim@1", "--trees", "20",
                "--depth", "2", "--quiet").exitCode()).isZero();
        assertThat(CliRun.run("score", "--db", db, "--month", "2010-12", "--quiet").exitCode()).isZero();

        CliRun.Outcome csv = CliRun.run("export", "scores", "--db", db, "--out",
                dir.resolve("csv").toString()).succeeded();
        assertThat(csv.out()).containsPattern("risk_scores\\s+200 rows").containsPattern("backtest_scores\\s+400 rows");
        List<String> backtest = Files.readAllLines(dir.resolve("csv").resolve("backtest_scores.csv"));
        assertThat(backtest).hasSize(401);
        assertThat(backtest.get(0)).isEqualTo("evaluation_id,test_year,asset_id,score,score_per_km,score_rank,"
                + "rank_per_km,breaks_observed,ranker,feature_set_id,target,grain");
        assertThat(Files.readAllLines(dir.resolve("csv").resolve("risk_scores.csv"))).hasSize(201);

        CliRun.Outcome parquet = CliRun.run("export", "scores", "--db", db, "--format", "parquet",
                "--out", dir.resolve("pq").toString()).succeeded();
        try (var duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement().executeQuery("SELECT count(*), count(DISTINCT test_year), "
                        + "min(score_rank) FROM '" + dir.resolve("pq").resolve("backtest_scores.parquet") + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(400);
            assertThat(rs.getLong(2)).isEqualTo(2);
            assertThat(rs.getLong(3)).isEqualTo(1);
        }

        CliRun.Outcome bad = CliRun.run("export", "scores", "--db", db, "--format", "xlsx", "--out",
                dir.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("xlsx").contains("csv or parquet");
    }

    @Test
    void aSqliteStoreKeepsItsBackTestScoresAndExportsThemThroughCsvToParquet() throws Exception {
        String db = CliRun.simulatedStore(dir.resolve("bw.sqlite"), 120, 7, 4L);
        CliRun.Outcome eval = CliRun.evaluateSimulated(db, "--test-years", "2010",
                "--trees", "20", "--depth", "2", "--quiet").succeeded();
        CliRun.Outcome csv = CliRun.run("export", "scores", "--db", db, "--out",
                dir.resolve("csv").toString()).succeeded();
        List<String> rows = Files.readAllLines(dir.resolve("csv").resolve("backtest_scores.csv"));
        assertThat(rows).hasSize(121);
        assertThat(rows.get(1)).startsWith("eval-").contains(",2010,").endsWith(",sim@1,any_break,pipe");
        CliRun.Outcome parquet = CliRun.run("export", "scores", "--db", db, "--format", "parquet",
                "--out", dir.resolve("pq").toString()).succeeded();
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
