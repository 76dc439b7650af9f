package io.breakwater.examples;

import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.PipelineConfig.Source;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.pipeline.Stage;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.SyntheticCity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The whole pipeline from Java: a synthetic city written to a folder, a pipeline config built in code, our own store,
 * clock and progress listener, then the top risk scores read back through the generated jOOQ classes.
 *
 * <pre>java io.breakwater.examples.WholePipelineExample [WORK_DIR]</pre>
 */
public final class WholePipelineExample {
    private WholePipelineExample() {
    }

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("breakwater-example");
        CityFiles city = SyntheticCity.builder().pipes(300).years(5).seed(11).build().writeTo(work.resolve("city"))
                .files();

        PipelineConfig config = new PipelineConfig(null,
                new PipelineConfig.Sources(
                        new Source(city.areasMapping().toString(), city.areasGeoJson().toString()),
                        List.of(new Source(city.breaksMapping().toString(), city.breaksCsv().toString())),
                        List.of(new Source(city.ecccMapping().toString(), city.ecccDirectory().toString())),
                        new Source(city.soilMapping().toString(), city.soilGeoJson().toString()),
                        new Source(city.pipesMapping().toString(), city.pipesGeoJson().toString())),
                new PipelineConfig.Features("pipe", 12, "example", "1"),
                new PipelineConfig.Model("xgboost", 42L, null, null, "latest", List.of("any_break")),
                new PipelineConfig.Outputs(null, null, work.resolve("models").toString()));

        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        ProgressListener listener = new ProgressListener() {
            @Override
            public void finished(String step, String summary) {
                System.out.println("  done: " + step);
            }
        };
        try (BreakwaterStore store = BreakwaterStore.open(work.resolve("example.duckdb").toString())) {
            PipelineResult result = Pipeline.of(config.withDatabase(store.location().describe()))
                    .clock(clock).progress(listener).stages(Stage.INGEST, Stage.SCORE).run(store);
            System.out.printf("stages: %d, feature set %s, models %s%n", result.stages().size(), result.featureSetId(),
                    result.modelIds());

            System.out.println("top 5 pipes by risk:");
            for (PipeBreakRiskScoresRecord score : store.dsl().selectFrom(PIPE_BREAK_RISK_SCORES)
                    .orderBy(PIPE_BREAK_RISK_SCORES.RISK_RANK).limit(5).fetch()) {
                System.out.printf("  #%d %s p=%.3f %s%n", score.getRiskRank(), score.getAssetId(),
                        score.getProbability(), score.getRiskClass());
            }
        }
    }
}
