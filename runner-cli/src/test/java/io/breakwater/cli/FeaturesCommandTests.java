package io.breakwater.cli;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.SyntheticCity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTests {
    @TempDir
    Path dir;

    @Test
    void buildWritesTheAreaPanelAndSaysWhatItDidThenRebuildReplacesIt() throws Exception {
        String db = dir.resolve("city.duckdb").toString();
        CityFiles city = SyntheticCity.builder().pipes(2000).years(2).seed(3).fullTruthLimit(0).build()
                .writeTo(dir.resolve("city")).files();
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, String.format("""
                database: %s
                sources:
                  areas: { mapping: %s, file: %s }
                  climate: [ { mapping: %s, file: %s } ]
                  breaks: [ { mapping: %s, file: %s } ]
                """, db, city.areasMapping(), city.areasGeoJson(), city.ecccMapping(), city.ecccDirectory(),
                city.breaksMapping(), city.breaksCsv()));
        CliRun.run("run", config.toString(), "--to", "ingest", "--no-progress").succeeded();
        Outcome first = CliRun.run("features", "build", "--grain", "area", "--horizon", "3", "--db", db, "--no-progress").succeeded();
        assertThat(first.out()).contains("feature set     panel-area-h3@1")
                .contains("months          2023-01..2024-12 (24)")
                .containsPattern("rows            \\d+")
                .contains("climate series  6150001");
        Outcome second = CliRun.run("features", "build", "--grain", "area", "--horizon", "3", "--db", db, "--no-progress").succeeded();
        assertThat(second.out()).contains("panel-area-h3@1 (replaced the previous build)");
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            long areas = store.dsl().fetchCount(io.breakwater.db.schema.Tables.AREAS);
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(areas * 24);
            assertThat(store.dsl().fetchCount(FEATURE_SETS)).isEqualTo(1);
        }
    }

    @Test
    void aBadGrainOrHorizonIsAUsageErrorOnOneLine() {
        String db = dir.resolve("x.duckdb").toString();
        Outcome grain = CliRun.run("features", "build", "--grain", "hexagon", "--db", db);
        assertThat(grain.exitCode()).isEqualTo(2);
        assertThat(grain.err().strip()).isEqualTo(
                "breakwater: grain 'hexagon': expected pipe, area or grid:SIZE (SIZE in metres, e.g. grid:500)");
        Outcome horizon = CliRun.run("features", "build", "--horizon", "6", "--db", db);
        assertThat(horizon.exitCode()).isEqualTo(2);
        assertThat(horizon.err()).contains("horizon 6 months: expected 1, 3 or 12");
    }

    @Test
    void anEmptyStoreIsAnInputError() {
        assertThat(CliRun.run("db", "migrate", "--db", dir.resolve("empty.sqlite").toString()).exitCode()).isZero();
        Outcome outcome = CliRun.run("features", "build", "--db", dir.resolve("empty.sqlite").toString(), "--no-progress");
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.err()).contains("pipe_breaks_clean is empty");
    }

    @Test
    void benchFeaturesReportsRowsTimeAndHeapAndRefusesAnExistingStore() throws Exception {
        Path db = dir.resolve("bench.sqlite");
        Outcome outcome = CliRun.run("bench", "features", "--pipes", "40", "--years", "2", "--db", db.toString(), "--no-progress").succeeded();
        assertThat(outcome.out()).contains("city            40 pipes").contains("rows            960")
                .contains("database        ").contains("(SQLite)").containsPattern("java heap       peak [\\d,]+ MB");
        assertThat(Files.exists(db)).isTrue();
        Outcome again = CliRun.run("bench", "features", "--pipes", "40", "--years", "2", "--db", db.toString(), "--no-progress");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");

        Path duck = dir.resolve("bench.duckdb");
        assertThat(CliRun.run("bench", "features", "--pipes", "40", "--years", "2", "--db", duck.toString(),
                "--duckdb-memory-limit", "512MB", "--no-progress").succeeded().out())
                .contains("(DuckDB, memory limit 512MB)").contains("rows            960");
        Outcome unbounded = CliRun.run("bench", "features", "--pipes", "40", "--years", "2", "--db",
                dir.resolve("other.duckdb").toString(), "--duckdb-memory-limit", "all of it", "--no-progress");
        assertThat(unbounded.exitCode()).isEqualTo(2);
        assertThat(unbounded.err()).contains("DuckDB memory limit 'all of it': expected a size such as 2GB or 512MB");
    }
}
