package io.breakwater.ml;

import static io.breakwater.db.schema.Tables.MODEL_FEATURE_IMPORTANCE;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.RECORD_ATTRIBUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import io.breakwater.db.schema.tables.records.PipesRecord;
import io.breakwater.db.schema.tables.records.RecordAttributesRecord;
import io.breakwater.db.testing.EachStore;
import io.breakwater.features.FeatureBuild;
import io.breakwater.features.FeatureSetDefinition;
import io.breakwater.features.Grain;
import io.breakwater.ml.internal.Artifacts;
import io.breakwater.ml.internal.FeatureSchema;
import io.breakwater.ml.internal.Panel;
import io.breakwater.ml.internal.PanelLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extra attributes declared on pipes and breaks reach the model: a city whose pipes carry a lining flag (text, a
 * lined pipe breaks a quarter as often), a condition score (number, hazard x e^condition) and a lining date, and
 * whose breaks carry a soil code, goes through the real feature build and the real training and scoring.
 */
class ExtraAttributeModelTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    static final int PIPES_N = 400;
    static final YearMonth FIRST = YearMonth.of(2010, 1);
    static final int MONTHS = 96;

    @TempDir
    Path dir;

    /** Pipes on a grid with lining and condition, and Poisson breaks by their hazard, written to the curated tables. */
    static void fillCity(DSLContext dsl, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TableRecord<?>> rows = new ArrayList<>();
        int breakId = 0;
        for (int i = 0; i < PIPES_N; i++) {
            String id = String.format("P%04d", i);
            double lon = -79.40 + (i % 20) * 0.003;
            double lat = 43.60 + (i / 20) * 0.003;
            boolean lined = random.nextDouble() < 0.5;
            double condition = random.nextDouble() * 2;
            rows.add(new PipesRecord().with(PIPES.PIPE_ID, id).with(PIPES.SOURCE_NAME, "test-pipes")
                    .with(PIPES.MATERIAL, i % 2 == 0 ? "cast_iron" : "pvc").with(PIPES.DIAMETER_MM, 150.0)
                    .with(PIPES.INSTALL_YEAR, 1950 + i % 40).with(PIPES.LENGTH_M, 150.0).with(PIPES.STATUS, "active")
                    .with(PIPES.GEOMETRY_WKT, String.format("LINESTRING (%s %s, %s %s)", lon, lat, lon + 0.0015, lat))
                    .with(PIPES.CENTROID_LON, lon + 0.00075).with(PIPES.CENTROID_LAT, lat).with(PIPES.RUN_ID, 1L));
            rows.add(attribute("pipes", id, "lined", lined ? "yes" : "no", null, null));
            rows.add(attribute("pipes", id, "condition", null, condition, null));
            if (lined) {
                rows.add(attribute("pipes", id, "lining_date", null, null, LocalDate.of(2005 + i % 10, 6, 1)));
            }
            double hazard = 0.004 * Math.exp(condition) * (lined ? 0.25 : 1.0);
            for (int t = 0; t < MONTHS; t++) {
                YearMonth m = FIRST.plusMonths(t);
                if (random.nextDouble() < 1 - Math.exp(-hazard)) {  // at most one break a month
                    String b = "sim:b" + breakId++;
                    LocalDate date = m.atDay(1 + random.nextInt(28));
                    rows.add(new PipeBreaksCleanRecord().with(PIPE_BREAKS_CLEAN.BREAK_ID, b)
                            .with(PIPE_BREAKS_CLEAN.SOURCE_NAME, "test").with(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID, b)
                            .with(PIPE_BREAKS_CLEAN.BREAK_DATE, date).with(PIPE_BREAKS_CLEAN.BREAK_YEAR, date.getYear())
                            .with(PIPE_BREAKS_CLEAN.BREAK_MONTH, date.getMonthValue())
                            .with(PIPE_BREAKS_CLEAN.LON, lon).with(PIPE_BREAKS_CLEAN.LAT, lat)
                            .with(PIPE_BREAKS_CLEAN.PIPE_ID, id).with(PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD, "asset_id")
                            .with(PIPE_BREAKS_CLEAN.RECORD_HASH, b).with(PIPE_BREAKS_CLEAN.RUN_ID, 2L)
                            .with(PIPE_BREAKS_CLEAN.SOURCE_LINE, 1L));
                    rows.add(attribute("breaks", b, "soil_code", random.nextDouble() < 0.7 ? "CL" : "SA", null,
                            null));
                }
            }
        }
        dsl.transaction(tx -> tx.dsl().batchInsert(rows).execute());
    }

    static RecordAttributesRecord attribute(String kind, String id, String name, String text, Double number,
            LocalDate date) {
        return new RecordAttributesRecord().with(RECORD_ATTRIBUTES.RECORD_KIND, kind)
                .with(RECORD_ATTRIBUTES.RECORD_ID, id).with(RECORD_ATTRIBUTES.NAME, name)
                .with(RECORD_ATTRIBUTES.VALUE_TYPE, text != null ? "text" : number != null ? "number" : "date")
                .with(RECORD_ATTRIBUTES.TEXT_VALUE, text).with(RECORD_ATTRIBUTES.NUMBER_VALUE, number)
                .with(RECORD_ATTRIBUTES.DATE_VALUE, date).with(RECORD_ATTRIBUTES.SOURCE_NAME, "test-" + kind);
    }

    @EachStore
    void declaredAttributesReachTheModelInputAndItsImportance(BreakwaterStore store) {
        fillCity(store.dsl(), 5L);
        FeatureSetDefinition definition = FeatureSetDefinition.builder().grain(Grain.pipe()).horizonMonths(12)
                .name("extras").attributes(List.of("lined", "condition", "lining_date", "soil_code")).build();
        FeatureBuild.on(store).clock(CLOCK).run(definition);
        String fs = definition.featureSetId();

        // the panel carries them: numbers and dates as numeric columns, text as categorical ones
        Panel panel = PanelLoader.load(store, PanelLoader.featureSet(store, fs), null, null,
                io.breakwater.db.ProgressListener.NONE);
        assertThat(panel.numericNames()).contains("pipe.condition", "pipe.lining_date");
        assertThat(panel.categoricalNames()).containsExactly("breaks.soil_code", "pipe.lined");
        int p0 = rowOf(panel, "P0000", FIRST.plusMonths(30));
        assertThat(panel.category(p0, panel.categoricalIndex("pipe.lined"))).isIn("yes", "no");
        int lined = IntStream.range(0, panel.rows()).filter(r -> !Double.isNaN(panel.value(r, "pipe.lining_date")))
                .findFirst().orElseThrow();
        assertThat(panel.category(lined, panel.categoricalIndex("pipe.lined"))).isEqualTo("yes");

        // text one-hot in the model's input, like material
        int[] all = IntStream.range(0, panel.rows()).toArray();
        FeatureSchema schema = FeatureSchema.fit(panel, all);
        assertThat(schema.columnNames()).contains("pipe.condition", "pipe.lining_date", "pipe.lined=no",
                "pipe.lined=yes", "breaks.soil_code=CL", "breaks.soil_code=SA");
        var x = schema.matrix(panel, new int[] {p0});
        int yes = List.of(schema.columnNames()).indexOf("pipe.lined=yes");
        int no = List.of(schema.columnNames()).indexOf("pipe.lined=no");
        assertThat(x.get(0, yes) + x.get(0, no)).isEqualTo(1f);
        int soil = List.of(schema.columnNames()).indexOf("breaks.soil_code=CL");
        int first = rowOf(panel, "P0000", FIRST);
        assertThat(schema.matrix(panel, new int[] {first}).get(0, soil)).as("no break before the first month")
                .isNaN();

        // training sees them, and the condition and lining carry the hazard
        RiskModels ml = RiskModels.using(store).artifactDirectory(dir.resolve("models")).clock(CLOCK).build();
        TrainingResult trained = ml.train(TestConfigs.fast(fs));
        Map<String, Double> importance = trained.importance().stream()
                .collect(Collectors.toMap(FeatureImportance::feature, FeatureImportance::importance));
        assertThat(importance).containsKeys("pipe.condition", "pipe.lined=yes");
        double lining = importance.getOrDefault("pipe.lined=yes", 0.0) + importance.getOrDefault("pipe.lined=no",
                0.0) + importance.getOrDefault("pipe.lining_date", 0.0);
        assertThat(importance.get("pipe.condition")).as("%s", trained.importance()).isGreaterThan(0.05);
        assertThat(lining).as("%s", trained.importance()).isGreaterThan(0.05);
        String top = trained.importance().get(0).feature();
        assertThat(top).as("%s", trained.importance()).startsWith("pipe.");
        assertThat(store.dsl().fetchCount(MODEL_FEATURE_IMPORTANCE,
                MODEL_FEATURE_IMPORTANCE.FEATURE.eq("pipe.condition"))).isEqualTo(1);

        // scoring reads the same columns from the artifact
        ScoringResult scored = ml.score(trained.model().modelId(), FIRST.plusMonths(MONTHS - 1),
                RiskBands.defaults());
        assertThat(scored.assetsScored()).isEqualTo(PIPES_N);
        ModelInfo info = trained.model();
        FeatureSchema saved = Artifacts.read(Path.of(info.artifactPath()), info.artifactSha256(), info.modelId())
                .schema();
        assertThat(saved.categories()).as("the artifact keeps the codes")
                .containsEntry("pipe.lined", List.of("no", "yes"))
                .containsEntry("breaks.soil_code", List.of("CL", "SA"));
        assertThat(saved.numeric()).contains("pipe.condition", "pipe.lining_date");
        assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                within(1e-6));
    }

    static int rowOf(Panel panel, String asset, YearMonth month) {
        int[] range = panel.rowRange(month, month);
        for (int r = range[0]; r < range[1]; r++) {
            if (panel.assetId(r).equals(asset)) {
                return r;
            }
        }
        throw new AssertionError(asset + " " + month);
    }
}
