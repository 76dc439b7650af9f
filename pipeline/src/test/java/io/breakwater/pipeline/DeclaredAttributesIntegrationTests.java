package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.FEATURE_ATTRIBUTE_VALUES;
import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.RECORD_ATTRIBUTES;
import static io.breakwater.pipeline.CitySources.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.CityFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the files to the model, with mapping files only: a lining flag on the pipe inventory and a soil code on each
 * break are declared under {@code extra:}, named by {@code features.attributes}, and reach the model's input.
 */
class DeclaredAttributesIntegrationTests {

    @TempDir
    Path dir;

    /** Adds a column to a CSV: {@code value} of each data row's fields. */
    private static void addColumn(Path csv, String name, java.util.function.Function<String[], String> value)
            throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + "," + name);
        for (String line : lines.subList(1, lines.size())) {
            out.add(line + "," + value.apply(line.split(",", -1)));
        }
        Files.write(csv, out);
    }

    @Test
    void aLiningFlagOnPipesAndASoilCodeOnBreaksBecomeFeaturesOfTheModel() throws Exception {
        CityFiles city = CitySources.write(dir, 600, 8, 2016, 5);
        // the utility's inventory: plastic and ductile mains are lined; every break carries a soil code
        addColumn(city.pipesCsv(), "LINED", f -> f[1].equals("PVC") || f[1].equals("HDPE") || f[1].equals("DI") ? "Y" : "N");
        addColumn(city.breaksCsv(), "SOIL_CD", f -> f[0].hashCode() % 3 == 0 ? "CL" : "SA");
        Files.writeString(city.pipesCsvMapping(), Files.readString(city.pipesCsvMapping())
                + "extra:\n  lined: { column: LINED, codes: { Y: lined, N: unlined } }\n");
        Files.writeString(city.breaksMapping(), Files.readString(city.breaksMapping())
                + "extra:\n  soil_code: { column: SOIL_CD, codes: { CL: clay, SA: sand } }\n");
        PipelineConfig.Sources files = CitySources.of(city);
        PipelineConfig.Sources sources = new PipelineConfig.Sources(files.areas(), files.breaks(), files.climate(),
                files.soil(), new PipelineConfig.Source(city.pipesCsvMapping().toString(), city.pipesCsv().toString()));
        PipelineConfig config = new PipelineConfig(dir.resolve("city.duckdb").toString(), sources,
                new PipelineConfig.Features("pipe", 12, "declared", "1", null, null, List.of("lined", "soil_code")),
                new PipelineConfig.Model("xgboost", 5L, 2021, 2022, "latest", List.of("break_count")),
                new PipelineConfig.Outputs(null, null, dir.resolve("models").toString()));
        try (BreakwaterStore store = BreakwaterStore.open(config.database())) {
            Pipeline.of(config).clock(CLOCK).stages(Stage.INGEST, Stage.MODEL).run(store);
            assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES, RECORD_ATTRIBUTES.NAME.eq("lined"))).isEqualTo(600);
            assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES, RECORD_ATTRIBUTES.NAME.eq("soil_code"))).isPositive();
            assertThat(store.dsl().fetchCount(FEATURE_ATTRIBUTE_VALUES, FEATURE_ATTRIBUTE_VALUES.FEATURE.eq("pipe.lined")))
                    .as("one value per pipe").isEqualTo(600);
            assertThat(store.dsl().fetchCount(FEATURE_ATTRIBUTE_VALUES,
                    FEATURE_ATTRIBUTE_VALUES.FEATURE.eq("breaks.soil_code"))).isPositive();
            List<String> modelFeatures = store.dsl().selectDistinct(MODEL_FEATURE_IMPORTANCE.FEATURE)
                    .from(MODEL_FEATURE_IMPORTANCE).fetch(MODEL_FEATURE_IMPORTANCE.FEATURE);
            assertThat(modelFeatures).as("the model's input columns").anyMatch(f -> f.startsWith("pipe.lined="))
                    .anyMatch(f -> f.startsWith("breaks.soil_code="));
        }
    }
}
