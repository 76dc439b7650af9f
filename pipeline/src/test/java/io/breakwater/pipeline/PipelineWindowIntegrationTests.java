package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.pipeline.CitySources.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.ModelInfo;
import io.breakwater.ml.RiskModels;
import io.breakwater.synth.CityFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code breakwater run} on a synthetic city with a data window, training options and a title: the panel, training
 * and scoring stay inside the window (breaks after it never reach a label), an incomplete last month is skipped with
 * one line saying why, and the report and Power BI README carry the config's title and the attributions the city's
 * mappings declare, and no other city or licence.
 */
class PipelineWindowIntegrationTests {
    private static final long SEED = 11;
    private static final String BREAKS_ATTRIBUTION = "Port Meridian Open Data, Water Main Breaks, under the Meridian "
            + "Open Data Licence 2.0 (synthetic)";
    private static final String WARDS_ATTRIBUTION = "Port Meridian Open Data, Wards, under the Meridian Open Data "
            + "Licence 2.0 (synthetic)";

    @TempDir
    Path dir;

    @Test
    void aWindowedRunWithTrainingOptionsAndATitleStaysInsideItsWindowAndCreditsOnlyItsSources() throws Exception {
        CityFiles city = CitySources.write(dir, 8000, 8, 2015, SEED);
        declare(city.breaksMapping(), BREAKS_ATTRIBUTION);
        declare(city.areasMapping(), WARDS_ATTRIBUTION);
        // climate, soil and pipes declare nothing: the report must not invent a credit for them
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                database: out/city.duckdb
                title: Port Meridian water mains
                sources:
                  areas:   { mapping: %s, file: %s }
                  soil:    { mapping: %s, file: %s }
                  pipes:   { mapping: %s, file: %s }
                  climate: [ { mapping: %s, file: %s } ]
                  breaks:  [ { mapping: %s, file: %s } ]
                features: { grain: area, horizon: 12, name: port-meridian-wards, from: 2016-01, to: 2022-06 }
                model:
                  targets: [any_break, break_count]
                  seed: %d
                  negativeRate: 0.5
                  trainFrom: 2017
                  trees: 40
                  depth: 2
                  learningRate: 0.1
                  threads: 1
                  firstTestYear: 2021
                  lastTestYear: 2021
                  scoreMonth: latest
                outputs: { report: out/report.html, powerbi: out/powerbi, models: out/models }
                """.formatted(city.areasMapping(), city.areasGeoJson(), city.soilMapping(), city.soilGeoJson(),
                city.pipesMapping(), city.pipesGeoJson(), city.ecccMapping(), city.ecccDirectory(),
                city.breaksMapping(), city.breaksCsv(), SEED));
        Pipeline pipeline = Pipeline.of(PipelineConfig.read(config)).clock(CLOCK);
        Files.createDirectories(dir.resolve("out"));

        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("out/city.duckdb").toString())) {
            pipeline.stages(Stage.INGEST, Stage.INGEST).run(store);
            // the export stops on June 9th 2022, the last month of the window; breaks after the window stay
            var junePastTheNinth = PIPE_BREAKS_CLEAN.BREAK_DATE.between(LocalDate.of(2022, 6, 10),
                    LocalDate.of(2022, 6, 30));
            assertThat(store.dsl().deleteFrom(PIPE_BREAKS_CLEAN).where(junePastTheNinth).execute()).isPositive();
            int afterWindow = store.dsl().fetchCount(PIPE_BREAKS_CLEAN,
                    PIPE_BREAKS_CLEAN.BREAK_DATE.ge(LocalDate.of(2022, 7, 1)));
            assertThat(afterWindow).as("breaks after the window").isGreaterThan(100);

            LocalDate newest = store.dsl().select(DSL.max(PIPE_BREAKS_CLEAN.BREAK_DATE)).from(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.BREAK_DATE.lt(LocalDate.of(2022, 7, 1))).fetchOne().value1();
            assertThat(newest).isBetween(LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 9));

            PipelineResult result = pipeline.stages(Stage.FEATURES, Stage.BI).run(store);
            List<String> lines = result.stages().stream().flatMap(s -> s.lines().stream()).toList();

            // the panel is the window
            var fs = store.dsl().selectFrom(FEATURE_SETS).where(FEATURE_SETS.FEATURE_SET_ID.eq(result.featureSetId()))
                    .fetchOne();
            assertThat(fs.getFirstMonth()).isEqualTo(LocalDate.of(2016, 1, 1));
            assertThat(fs.getLastMonth()).isEqualTo(LocalDate.of(2022, 6, 1));
            var p = PIPE_FEATURES_MONTHLY;
            var ofSet = p.FEATURE_SET_ID.eq(result.featureSetId());
            assertThat(store.dsl().select(DSL.min(p.MONTH_START), DSL.max(p.MONTH_START)).from(p).where(ofSet)
                    .fetchOne()).satisfies(r -> {
                        assertThat(r.value1()).isEqualTo(LocalDate.of(2016, 1, 1));
                        assertThat(r.value2()).isEqualTo(LocalDate.of(2022, 6, 1));
                    });
            // labels whose horizon passes the window's end are unknown; the last known one counts only breaks inside
            assertThat(store.dsl().fetchCount(p, ofSet.and(p.MONTH_START.gt(LocalDate.of(2021, 6, 1)))
                    .and(p.LABEL_BREAKS.isNotNull()))).isZero();
            long lastLabels = store.dsl().select(DSL.sum(p.LABEL_BREAKS)).from(p)
                    .where(ofSet.and(p.MONTH_START.eq(LocalDate.of(2021, 6, 1)))).fetchOne(0, Long.class);
            long breaksAfter = store.dsl().select(DSL.sum(p.BREAKS_IN_MONTH)).from(p)
                    .where(ofSet.and(p.MONTH_START.between(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 1))))
                    .fetchOne(0, Long.class);
            assertThat(lastLabels).isEqualTo(breaksAfter).isPositive();

            // the stopped June is skipped, in one line that says why
            assertThat(lines).filteredOn(l -> l.contains("skipped as incomplete")).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("latest complete month 2022-05; skipped as incomplete: "
                            + "2022-06 (newest record on " + newest + ": about "));

            // the training options reached the models; the final models never see the skipped month
            List<ModelInfo> finals = RiskModels.using(store).artifactDirectory(dir.resolve("out/models")).build()
                    .list().stream().filter(m -> result.modelIds().contains(m.modelId())).toList();
            // one final model per target, unless a target's inner validation chose the other target's learner (with
            // four areas every ranking ties, so either may be chosen): then both name the same model, scored once
            assertThat(result.modelIds()).doesNotHaveDuplicates().hasSizeBetween(1, 2);
            assertThat(finals).hasSize(result.modelIds().size()).allSatisfy(m -> {
                assertThat(m.negativeSampleRate()).isEqualTo(0.5);
                assertThat(m.trainStart()).isAfterOrEqualTo(LocalDate.of(2017, 1, 1));
                assertThat(m.cutoffMonth()).isEqualTo(LocalDate.of(2022, 6, 1));
                assertThat(m.hyperParameters()).contains("\"trees\":40", "\"maxDepth\":2", "\"learningRate\":0.1",
                        "\"threads\":1");
            });
            assertThat(store.dsl().selectDistinct(PIPE_BREAK_RISK_SCORES.SCORE_MONTH).from(PIPE_BREAK_RISK_SCORES)
                    .fetch(PIPE_BREAK_RISK_SCORES.SCORE_MONTH)).containsExactly(LocalDate.of(2022, 5, 1));
            assertThat(lines).filteredOn(l -> l.startsWith("scores ")).hasSize(result.modelIds().size())
                    .allSatisfy(l -> assertThat(l).contains(" for " + YearMonth.of(2022, 5) + ": "));
        }

        // the report and the Power BI README: the config's title, the declared attributions, no other city or licence
        String html = Files.readString(dir.resolve("out/report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Port Meridian water mains</title>")
                .contains(BREAKS_ATTRIBUTION + ".").contains(WARDS_ATTRIBUTION + ".")
                .contains("No attribution declared for port-meridian-eccc-", "port-meridian-pipes",
                        "port-meridian-soil-synthetic");
        String footer = html.substring(html.indexOf("<footer>"), html.indexOf("</footer>"));
        for (String foreign : List.of("Toronto", "Open Government Licence", "Environment and Climate Change Canada")) {
            assertThat(html).as("the report names %s", foreign).doesNotContain(foreign);
        }
        assertThat(footer).doesNotContain("ECCC");
        String readme = Files.readString(dir.resolve("out/powerbi/README.md"), StandardCharsets.UTF_8);
        assertThat(readme).startsWith("# Port Meridian water mains: star schema for Power BI")
                .contains("- " + BREAKS_ATTRIBUTION + "\n", "- " + WARDS_ATTRIBUTION + "\n")
                .doesNotContain("Toronto").doesNotContain("Open Government Licence");
    }

    private static void declare(Path mapping, String attribution) throws Exception {
        Files.writeString(mapping, "\nattribution: \"" + attribution + "\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }
}
