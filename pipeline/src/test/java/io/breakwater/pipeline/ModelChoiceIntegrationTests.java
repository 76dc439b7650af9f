package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.EVALUATION_COMPARISONS;
import static io.breakwater.db.schema.Tables.EVALUATION_METRICS;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static io.breakwater.pipeline.CitySources.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.TableExport;
import io.breakwater.ml.BaselineComparison;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.ModelSelection;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScoreExport;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.ml.internal.FeatureSetInfo;
import io.breakwater.ml.internal.ModelTrainer;
import io.breakwater.ml.internal.Panel;
import io.breakwater.ml.internal.PanelLoader;
import io.breakwater.ml.internal.RateTable;
import io.breakwater.synth.CityFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines, the comparison with the strongest of them, the stored and exported back-test scores, the inner
 * validation's choice of ranker and the atomic model stage (issue 17 items 1-3, issue 16 item 5), on a synthetic
 * city of 1,500 pipes over 2005-2016 taken through the real ingest and feature stages at pipe grain.
 */
class ModelChoiceIntegrationTests {
    private static final long SEED = 17;
    private static final List<Integer> TEST_YEARS = List.of(2015, 2016);
    private static final List<String> BASELINES = List.of("random", "age", "prior_breaks", "prior_breaks_per_km",
            "trailing_breaks_12m", "trailing_breaks_12m_per_km", "rate_table");

    @TempDir
    static Path dir;
    static CityFiles city;
    static Path fixture;
    static String featureSetId;

    /** The pipeline config of the test city: pipe grain, small fast learners, the given selection. */
    static PipelineConfig config(CityFiles files, Path models, long seed, int firstTestYear, boolean selection) {
        PipelineConfig.Sources sources = files == null ? null : CitySources.of(files);
        return new PipelineConfig(null, sources, new PipelineConfig.Features("pipe", 12, "choice", "1"),
                new PipelineConfig.Model("xgboost", seed, firstTestYear, 2016, "latest", List.of("any_break"), null,
                        null, 60, 3, 0.1, 1, new SelectionConfig(selection, null, null, null, null)),
                new PipelineConfig.Outputs(null, null, models.toString()));
    }

    @BeforeAll
    static void buildTheCity() {
        city = CitySources.write(dir, 1500, 12, 2005, SEED);
        fixture = dir.resolve("fixture.duckdb");
        try (BreakwaterStore store = BreakwaterStore.open(fixture.toString())) {
            PipelineResult built = Pipeline.of(config(city, dir.resolve("models"), SEED, 2015, true)
                            .withDatabase(fixture.toString())).clock(CLOCK).stages(Stage.INGEST, Stage.FEATURES)
                    .run(store);
            featureSetId = built.featureSetId();
        }
    }

    static BreakwaterStore copy(String name) throws Exception {
        Path file = dir.resolve(name + ".duckdb");
        Files.copy(fixture, file);
        return BreakwaterStore.open(file.toString());
    }

    static RiskModels ml(BreakwaterStore store, String models) {
        return RiskModels.using(store).artifactDirectory(dir.resolve(models)).clock(CLOCK).build();
    }

    static TrainingConfig training() {
        return TrainingConfig.of(featureSetId).withSeed(SEED)
                .withHyper(HyperParameters.defaults().withTrees(60).withLearningRate(0.1));
    }

    @Test
    void everyBaselineIsScoredAndTheModelIsComparedWithTheStrongestOnTheLengthHeadline() throws Exception {
        try (BreakwaterStore store = copy("baselines")) {
            EvaluationResult e = ml(store, "models-baselines").evaluate(training(), TEST_YEARS, ModelSelection.defaults());
            for (String period : List.of("2015", "2016", "mean", "pooled")) {
                for (String scorer : BASELINES) {
                    assertThat(e.metric(scorer, period, "roc_auc")).as("%s %s", scorer, period).isBetween(0.0, 1.0);
                }
            }
            BaselineComparison c = e.comparison();
            assertThat(c.headlineMetric()).isEqualTo("break_share_top_5pct_length");
            String strongest = BASELINES.stream().max((a, b) -> Double.compare(
                    e.metric(a, "mean", c.headlineMetric()), e.metric(b, "mean", c.headlineMetric()))).orElseThrow();
            assertThat(c.strongestBaseline()).isEqualTo(strongest);
            int ahead = 0;
            for (BaselineComparison.Year y : c.years()) {
                String p = String.valueOf(y.year());
                assertThat(y.model()).isEqualTo(e.metric("model", p, c.headlineMetric()));
                assertThat(y.baseline()).isEqualTo(e.metric(strongest, p, c.headlineMetric()));
                ahead += y.model() > y.baseline() ? 1 : 0;
            }
            assertThat(c.yearsAhead()).isEqualTo(ahead);
            assertThat(c.meanDifference()).isCloseTo(c.meanModel() - c.meanBaseline(), org.assertj.core.data.Offset
                    .offset(1e-12));
            var mean = store.dsl().selectFrom(EVALUATION_COMPARISONS).where(EVALUATION_COMPARISONS.EVALUATION_ID
                    .eq(e.evaluationId()).and(EVALUATION_COMPARISONS.PERIOD.eq("mean"))).fetchOne();
            assertThat(mean.getStrongestBaseline()).isEqualTo(strongest);
            assertThat(mean.getDifference()).isCloseTo(c.meanDifference(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(mean.getYearsAhead()).isEqualTo(ahead);
            assertThat(store.dsl().fetchCount(EVALUATION_COMPARISONS,
                    EVALUATION_COMPARISONS.EVALUATION_ID.eq(e.evaluationId()))).isEqualTo(TEST_YEARS.size() + 2);
            assertThat(store.dsl().fetchCount(EVALUATION_METRICS, EVALUATION_METRICS.PERIOD.eq("mean")
                    .and(EVALUATION_METRICS.SCORER.eq(strongest)))).isGreaterThan(10);
            System.out.println(String.join("\n", c.yearLines()) + "\n" + c.statement() + "\nrankers " + e.rankers());
        }
    }

    @Test
    void theRateTableRecoversTheHazardsMaterialOrdering() {
        try (BreakwaterStore store = BreakwaterStore.open(fixture.toString())) {
            FeatureSetInfo fs = PanelLoader.featureSet(store, featureSetId);
            Panel panel = PanelLoader.load(store, fs, null, YearMonth.of(2015, 12), ProgressListener.NONE);
            RateTable table = RateTable.fit(panel, ModelTrainer.labelled(panel, panel.firstMonth(),
                    YearMonth.of(2014, 12), false));
            Map<String, Double> rates = table.materialRates();
            System.out.println("rate table per material: " + rates);
            // the hazard's factors: cast iron 1.00 > steel 0.60 > asbestos cement 0.55 > ... > PVC 0.15
            assertThat(rates.get("cast_iron")).isGreaterThan(rates.get("ductile_iron")).isGreaterThan(rates.get("pvc"));
            assertThat(rates.get("steel")).isGreaterThan(rates.get("pvc"));
            assertThat(rates.get("asbestos_cement")).isGreaterThan(rates.get("pvc"));
        }
    }

    @Test
    void backTestScoresAreStoredPerAssetAndYearAndReproduceTheHeadlineAndAreExported() throws Exception {
        try (BreakwaterStore store = copy("backtest")) {
            EvaluationResult e = ml(store, "models-backtest").evaluate(training(), TEST_YEARS, ModelSelection.none());
            long assets = store.dsl().fetchCount(DSL.selectDistinct(PIPE_FEATURES_MONTHLY.ASSET_ID)
                    .from(PIPE_FEATURES_MONTHLY));
            assertThat(store.dsl().fetchCount(EVALUATION_BACKTEST_SCORES)).isEqualTo(assets * TEST_YEARS.size());
            for (int year : TEST_YEARS) {
                // an independent evaluator: capture of breaks in the riskiest 5 % of length, from the stored rows
                Map<String, Double> km = new HashMap<>();
                store.dsl().select(PIPE_FEATURES_MONTHLY.ASSET_ID, PIPE_FEATURES_MONTHLY.LENGTH_M)
                        .from(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.MONTH_START.eq(LocalDate.of(year - 1, 12, 1)))
                        .forEach(r -> km.put(r.value1(), r.value2() / 1000));
                var rows = store.dsl().selectFrom(EVALUATION_BACKTEST_SCORES)
                        .where(EVALUATION_BACKTEST_SCORES.TEST_YEAR.eq(year))
                        .orderBy(EVALUATION_BACKTEST_SCORES.RANK_PER_KM).fetch();
                assertThat(rows.getValues(EVALUATION_BACKTEST_SCORES.RANK_PER_KM)).doesNotHaveDuplicates()
                        .hasSize((int) assets);
                double total = km.values().stream().mapToDouble(Double::doubleValue).sum();
                double breaks = rows.stream().mapToDouble(r -> r.getBreaksObserved()).sum();
                double used = 0;
                double captured = 0;
                for (var r : rows) {
                    if (used >= 0.05 * total) {
                        break;
                    }
                    used += km.get(r.getAssetId());
                    captured += r.getBreaksObserved();
                }
                assertThat(captured / breaks).as("capture at 5 %% of length in %d", year)
                        .isCloseTo(e.metric("model", String.valueOf(year), "break_share_top_5pct_length"),
                                org.assertj.core.data.Offset.offset(1e-9));
            }
            List<TableExport.Written> csv = ScoreExport.of(store, TableExport.Format.CSV).writeTo(dir.resolve("csv"));
            List<String> lines = Files.readAllLines(csv.get(1).file());
            assertThat(lines.get(0)).startsWith("evaluation_id,test_year,asset_id,score,score_per_km,score_rank");
            assertThat(lines).hasSize((int) (assets * TEST_YEARS.size()) + 1);
            List<TableExport.Written> parquet = ScoreExport.of(store, TableExport.Format.PARQUET)
                    .writeTo(dir.resolve("parquet"));
            try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                    var rs = duck.createStatement().executeQuery("SELECT count(*), count(DISTINCT asset_id) FROM '"
                            + parquet.get(1).file() + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(assets * TEST_YEARS.size());
                assertThat(rs.getLong(2)).isEqualTo(assets);
            }
        }
    }

    @Test
    void aLabelFlipInTheTestWindowLeavesTheChosenRankerIdentical() throws Exception {
        try (BreakwaterStore store = copy("flip")) {
            RiskModels ml = ml(store, "models-flip");
            EvaluationResult before = ml.evaluate(training(), List.of(2016), ModelSelection.defaults());
            String[] chosenBefore = choice(store, before);
            // every label whose window reaches into the test year 2016 is flipped
            int flipped = store.dsl().update(PIPE_FEATURES_MONTHLY)
                    .set(PIPE_FEATURES_MONTHLY.LABEL_BREAKS, DSL.when(PIPE_FEATURES_MONTHLY.LABEL_ANY, DSL.inline(0))
                            .otherwise(DSL.inline(1)))
                    .set(PIPE_FEATURES_MONTHLY.LABEL_ANY, DSL.not(PIPE_FEATURES_MONTHLY.LABEL_ANY))
                    .where(PIPE_FEATURES_MONTHLY.MONTH_START.ge(LocalDate.of(2015, 1, 1)))
                    .and(PIPE_FEATURES_MONTHLY.LABEL_ANY.isNotNull()).execute();
            assertThat(flipped).isGreaterThan(1000);
            EvaluationResult after = ml.evaluate(training(), List.of(2016), ModelSelection.defaults());
            assertThat(after.rankers()).isEqualTo(before.rankers());
            assertThat(choice(store, after)).as("selection record and training data hash").containsExactly(chosenBefore);
            assertThat(after.metric("model", "2016", "positives"))
                    .as("the test year itself did change").isNotEqualTo(before.metric("model", "2016", "positives"));
        }
    }

    private static String[] choice(BreakwaterStore store, EvaluationResult e) {
        var r = store.dsl().select(MODEL_REGISTRY.SELECTION_JSON, MODEL_REGISTRY.TRAINING_DATA_HASH).from(MODEL_REGISTRY)
                .where(MODEL_REGISTRY.MODEL_ID.eq(e.modelIds().get(0))).fetchOne();
        assertThat(r.value1()).contains("\"chosen\"").contains("\"candidates\"");
        return new String[] {r.value1(), r.value2()};
    }

    @Test
    void runPrintsTheModelAgainstTheStrongestBaselinePerYearAndAsAMeanWithTheSignOfTheLift() throws Exception {
        try (BreakwaterStore store = copy("run")) {
            PipelineResult result = Pipeline.of(config(city, dir.resolve("models-run"), SEED, 2015, true)
                    .withDatabase(store.location().describe())).clock(CLOCK).stages(Stage.MODEL, Stage.MODEL).run(store);
            List<String> lines = result.stages().get(0).lines();
            System.out.println(String.join("\n", lines));
            assertThat(ml(store, "models-run").show(result.modelIds().get(0)).selection())
                    .as("the final model records its choice").contains("\"chosen\"").contains("\"reason\"")
                    .contains("\"candidates\"");
            var mean = store.dsl().selectFrom(EVALUATION_COMPARISONS).where(EVALUATION_COMPARISONS.PERIOD.eq("mean"))
                    .fetchOne();
            for (int year : TEST_YEARS) {
                var row = store.dsl().selectFrom(EVALUATION_COMPARISONS)
                        .where(EVALUATION_COMPARISONS.PERIOD.eq(String.valueOf(year))).fetchOne();
                assertThat(lines).anySatisfy(l -> assertThat(l.strip()).startsWith(year + ": model ")
                        .contains(mean.getStrongestBaseline())
                        .contains(String.format(java.util.Locale.ROOT, "difference %+.3f", row.getDifference()))
                        .contains(row.getDifference() > 0 ? "(model ahead)" : row.getDifference() < 0
                                ? "(baseline ahead)" : "(level)"));
            }
            String statement = lines.stream().filter(l -> l.contains("the strongest baseline")).findFirst().orElseThrow();
            Matcher m = Pattern.compile("difference ([+-]\\d+\\.\\d{3})").matcher(statement);
            assertThat(m.find()).as(statement).isTrue();
            double printed = Double.parseDouble(m.group(1));
            assertThat(printed).isCloseTo(mean.getDifference(), org.assertj.core.data.Offset.offset(0.0005));
            assertThat(statement).contains(mean.getDifference() > 0 ? "the model is ahead of"
                    : mean.getDifference() < 0 ? "the model is behind" : "the model is level with")
                    .contains("ahead in " + mean.getYearsAhead() + " of " + TEST_YEARS.size() + " years");
        }
    }

    @Test
    void aModelStageKilledMidEvaluationLeavesThePreviousEvaluationAndFinalModel() throws Exception {
        Path db = dir.resolve("kill.duckdb");
        Files.copy(fixture, db);
        Path models = dir.resolve("models-kill");
        String finalBefore;
        List<String> evaluationsBefore;
        try (BreakwaterStore store = BreakwaterStore.open(db.toString())) {
            PipelineResult first = Pipeline.of(config(city, models, SEED, 2015, false).withDatabase(db.toString()))
                    .clock(CLOCK).stages(Stage.MODEL, Stage.MODEL).run(store);
            finalBefore = first.modelIds().get(0);
            evaluationsBefore = store.dsl().select(MODEL_EVALUATIONS.EVALUATION_ID).from(MODEL_EVALUATIONS)
                    .fetch(MODEL_EVALUATIONS.EVALUATION_ID);
        }
        // another seed: another evaluation, three test years; killed once its first test year is done
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ModelStageChild.class.getName(), db.toString(),
                models.toString(), String.valueOf(SEED + 1), dir.resolve("city").toString()).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.equals("progressed evaluate 1")) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child reached the middle of its evaluation").contains("progressed evaluate 1")
                .doesNotContain("model stage finished");
        assertThat(child.exitValue()).isEqualTo(137);
        try (BreakwaterStore store = BreakwaterStore.open(db.toString())) {
            assertThat(store.dsl().select(MODEL_EVALUATIONS.EVALUATION_ID).from(MODEL_EVALUATIONS)
                    .fetch(MODEL_EVALUATIONS.EVALUATION_ID)).containsExactlyInAnyOrderElementsOf(evaluationsBefore);
            assertThat(store.dsl().fetchCount(MODEL_REGISTRY, MODEL_REGISTRY.EVALUATION_ID.isNotNull()
                    .and(MODEL_REGISTRY.EVALUATION_ID.notIn(evaluationsBefore)))).as("fold models of the killed run")
                    .isZero();
            assertThat(store.dsl().fetchCount(EVALUATION_METRICS, EVALUATION_METRICS.EVALUATION_ID
                    .notIn(evaluationsBefore))).isZero();
            assertThat(store.dsl().fetchCount(EVALUATION_BACKTEST_SCORES, EVALUATION_BACKTEST_SCORES.EVALUATION_ID
                    .notIn(evaluationsBefore))).isZero();
            RiskModels ml = ml(store, "models-kill");
            assertThat(ml.latestFinalModel().modelId()).isEqualTo(finalBefore);
            assertThat(ml.score(ml.latestFinalModel().modelId(), YearMonth.of(2016, 12),
                    io.breakwater.ml.RiskBands.defaults()).assetsScored()).isEqualTo(1500);
        }
    }
}
