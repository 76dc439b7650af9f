package io.breakwater.cli;

import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.tables.SyntheticPanel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater export table}: any table of the store as a CSV or Parquet file, unknown names refused. */
class ExportTableCommandTests {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bw.duckdb", "bw.sqlite"})
    void anyTableIsWrittenWholeAndAnUnknownNameListsTheTables(String file) throws Exception {
        String db = dir.resolve(file).toString();
        int assets;
        int panelRows;
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            SyntheticPanel.generate(60, YearMonth.of(2004, 1), 3, 3L).writeTo(store, "sim@1");
            assets = store.dsl().fetchCount(FEATURE_ASSETS);
            panelRows = store.dsl().fetchCount(PIPE_FEATURES_MONTHLY);
        }
        CliRun.Outcome csv = CliRun.run("export", "table", "feature_assets", "--db", db, "--out",
                dir.resolve("out/assets.csv").toString()).succeeded();
        assertThat(csv.out()).containsPattern("feature_assets\\s+" + assets + " rows");
        List<String> lines = Files.readAllLines(dir.resolve("out/assets.csv"));
        assertThat(lines).hasSize(assets + 1);
        assertThat(lines.get(0)).startsWith("feature_set_id,").contains("asset_id");

        CliRun.Outcome parquet = CliRun.run("export", "table", "PIPE_FEATURES_MONTHLY", "--db", db,
                "--format", "parquet", "--out", dir.resolve("panel.parquet").toString()).succeeded();
        try (var duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement().executeQuery("SELECT count(*), count(DISTINCT asset_id) FROM '"
                        + dir.resolve("panel.parquet") + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(panelRows);
            assertThat(rs.getLong(2)).isEqualTo(60);
        }

        CliRun.Outcome unknown = CliRun.run("export", "table", "pipes; DROP TABLE pipes", "--db", db,
                "--out", dir.resolve("x.csv").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("table 'pipes; DROP TABLE pipes' is not in")
                .contains("expected one of").contains("pipe_features_monthly").contains("model_registry");
        assertThat(dir.resolve("x.csv")).doesNotExist();
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            assertThat(store.dsl().fetchCount(FEATURE_ASSETS)).isEqualTo(assets);
        }
    }
}
