package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.CityFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city whose records stop early in a month, as an export pulled on the 5th does: the pipe-grain pipeline (yearly
 * snapshots) judges that month incomplete, and {@code scoreMonth: latest} scores the panel's newest state, its last
 * month, never a December a year older that the final model was trained on.
 */
class IncompleteLastMonthIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void recordsStoppingOnTheFifthScoreTheNewestStateNotLastYearsDecember() {
        CityFiles city = CitySources.write(dir, 4_000, 6, 2019, 11);
        PipelineConfig config = new PipelineConfig(null, CitySources.of(city),
                new PipelineConfig.Features("pipe", 12, "export-on-the-5th", "1"),
                new PipelineConfig.Model("xgboost", 11L, null, null, "latest", List.of("any_break"), null, null, 100,
                        null, null, null, new SelectionConfig(false, null, null, null, null)),
                new PipelineConfig.Outputs(null, null, dir.resolve("models").toString()), null, null);
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("city.duckdb").toString())) {
            Pipeline pipeline = Pipeline.of(config.withDatabase(store.location().describe())).clock(CitySources.CLOCK);
            pipeline.stages(Stage.INGEST, Stage.INGEST).run(store);
            int dropped = store.dsl().deleteFrom(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.BREAK_DATE.gt(LocalDate.of(2024, 12, 5))).execute();
            assertThat(dropped).as("December breaks after the 5th").isGreaterThanOrEqualTo(5);

            PipelineResult result = pipeline.stages(Stage.FEATURES, Stage.SCORE).run(store);

            List<String> lines = result.stages().stream().flatMap(s -> s.lines().stream()).toList();
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("latest complete month 2024-11; skipped as "
                    + "incomplete: 2024-12"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("scoring 2024-12, the last month of feature set "
                    + "export-on-the-5th@1 and its newest state"));
            assertThat(store.dsl().selectDistinct(PIPE_BREAK_RISK_SCORES.SCORE_MONTH).from(PIPE_BREAK_RISK_SCORES)
                    .fetch(PIPE_BREAK_RISK_SCORES.SCORE_MONTH)).containsExactly(LocalDate.of(2024, 12, 1));
        }
    }
}
