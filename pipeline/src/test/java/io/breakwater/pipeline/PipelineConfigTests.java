package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.features.FeatureSetDefinition;
import io.breakwater.features.Period;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.Target;
import io.breakwater.ml.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTests {
    /** A database and the two sources every config needs, as the first lines of a pipeline.yaml. */
    private static final String SOURCES = """
            database: bw.duckdb
            sources:
              areas: { mapping: areas-mapping.yaml, file: areas.geojson }
              breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void sourceFiles() throws Exception {
        ConfigFolder.writeSources(dir);
    }

    private PipelineConfig read(String yaml) throws Exception {
        return ConfigFolder.read(dir, yaml);
    }

    /** What reading {@code database: bw.duckdb} and then {@code line} throws. */
    private AbstractThrowableAssert<?, ? extends Throwable> refused(String line) {
        return assertThatThrownBy(() -> read("database: bw.duckdb\n" + line + "\n"));
    }

    @Test
    void aValidConfigResolvesPathsAgainstItsFolderAndFillsDefaults() throws Exception {
        PipelineConfig config = read("""
                database: out/breakwater.duckdb
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: breaks.csv }
                outputs: { report: out/report.html }
                """);
        assertThat(config.database()).isEqualTo(dir.resolve("out/breakwater.duckdb").toString());
        assertThat(config.sources().breaks().get(0).file()).isEqualTo(dir.resolve("breaks.csv").toString());
        assertThat(config.features().grain()).isEqualTo("area");
        assertThat(config.features().horizon()).isEqualTo(12);
        assertThat(config.model().algorithm()).isEqualTo("xgboost");
        assertThat(config.model().seed()).isEqualTo(42L);
        assertThat(config.outputs().report()).isEqualTo(dir.resolve("out/report.html").toString());
        assertThat(config.outputs().powerbi()).isNull();
    }

    @Test
    void everyProblemIsNamedByItsKeyBeforeAnythingRuns() {
        assertThatThrownBy(() -> read("""
                database: bw.sqlite
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: missing.csv }
                features: { grain: hexagon, horizon: 5 }
                model: { algorithm: forest, scoreMonth: 2016-13 }
                """))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("sources.breaks[0].file: no such file or folder " + dir.resolve("missing.csv"))
                .hasMessageContaining("features.grain: 'hexagon' is not one of pipe, area, grid:SIZE")
                .hasMessageContaining("features.horizon: 5 is not one of 1, 3, 12")
                .hasMessageContaining("model.algorithm: 'forest' is not one of xgboost")
                .hasMessageContaining("model.scoreMonth: '2016-13' is not YYYY-MM");
    }

    @Test
    void anUnknownKeyIsNamedWithItsFileAndPathAndTheKeysExpected() {
        assertThatThrownBy(() -> read("""
                database: bw.duckdb
                sources:
                  breaks:
                    - { mapping: breaks-mapping.yaml, flie: breaks.csv }
                """))
                .isInstanceOf(BreakwaterException.class)
                .hasMessage(dir.resolve("pipeline.yaml") + ": sources.breaks[0].flie: unknown key; expected one of file, "
                        + "mapping");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotSilentlyOverwritten() {
        assertThatThrownBy(() -> read("""
                database: bw.duckdb
                features: { grain: pipe }
                database: other.duckdb
                """))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining(dir.resolve("pipeline.yaml") + ": ")
                .hasMessageContaining("the key 'database' is given twice; keep one")
                .hasMessageNotContaining("Duplicate field");
    }

    @Test
    void aConfigErrorIsInBreakwatersWordsNeverTheParsers() {
        refused("features: { tu: 2016-12 }")
                .hasMessage(dir.resolve("pipeline.yaml") + ": features.tu: unknown key; expected one of attributes, climateSeries, "
                        + "from, grain, horizon, name, period, to, version")
                .hasMessageNotContaining("Unrecognized").hasMessageNotContaining("class io.breakwater");
        refused("model: { trees: many }")
                .hasMessage(dir.resolve("pipeline.yaml") + ": model.trees: 'many' is not a whole number");
        refused("model: { depth: 2.5 }").hasMessageStartingWith(dir.resolve("pipeline.yaml") + ": model.depth: ")
                .hasMessageEndingWith(" a whole number");
        refused("model: { learningRate: fast }")
                .hasMessage(dir.resolve("pipeline.yaml") + ": model.learningRate: 'fast' is not a number");
        refused("model: { targets: { any: 1 } }")
                .hasMessageStartingWith(dir.resolve("pipeline.yaml") + ": model.targets: line 2, column ")
                .hasMessageEndingWith("expected a list");
        refused("features: [ area ]").hasMessageStartingWith(dir.resolve("pipeline.yaml") + ": features: ")
                .hasMessageEndingWith("expected a section of keys (features)");
        assertThatThrownBy(() -> read("""
                database: "bw.duckdb
                """))
                .hasMessageStartingWith(dir.resolve("pipeline.yaml") + ": line ")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("""
                database: " "
                sources:
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                features: { grain: grid:500 }
                """))
                .hasMessageStartingWith(dir.resolve("pipeline.yaml") + ": database: missing");
        assertThatThrownBy(() -> read("""
                titel: Port Meridian
                """))
                .hasMessage(dir.resolve("pipeline.yaml") + ": titel: unknown key; expected one of database, features, "
                        + "forecast, model, outputs, sources, title");
    }

    @Test
    void theForecastStageIsOnByDefaultAndItsKeysAreChecked() throws Exception {
        String sources = """
                database: bw.duckdb
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                """;
        PipelineConfig defaults = read(sources);
        assertThat(defaults.forecast().enabled()).isTrue();
        assertThat(defaults.forecast().threshold()).isEqualTo(0.01);
        PipelineConfig off = read(sources + "forecast: { enabled: false, threshold: 0.05, testYears: 3 }\n");
        assertThat(off.forecast().enabled()).isFalse();
        assertThat(off.forecast().threshold()).isEqualTo(0.05);
        assertThat(off.withDatabase("other.duckdb").forecast()).isEqualTo(off.forecast());
        assertThat(defaults.features().climateSeries()).isNull();
        assertThat(defaults.forecast().climateSeries()).isNull();
        // the forecast reads the panel's station unless it names another
        PipelineConfig station = read(sources + "features: { climateSeries: '6158350' }\n");
        assertThat(station.features().climateSeries()).isEqualTo("6158350");
        assertThat(station.forecast().climateSeries()).isEqualTo("6158350");
        PipelineConfig two = read(sources + "features: { climateSeries: '6158350' }\n"
                + "forecast: { climateSeries: USW00014732 }\n");
        assertThat(two.forecast().climateSeries()).isEqualTo("USW00014732");
        assertThat(Pipeline.of(station).featureDefinition().climateSeriesId()).isEqualTo("6158350");
        assertThatThrownBy(() -> read(sources + "forecast: { threshold: 0.7, horizon: 0 }\n"))
                .hasMessageContaining("forecast.threshold: 0.7 is not a tail probability")
                .hasMessageContaining("forecast.horizon: 0 is not in 1..36 months");
    }

    @Test
    void theDataWindowTrainingOptionsAndTitleAreReadAndChecked() throws Exception {
        PipelineConfig config = read("""
                database: bw.duckdb
                title: Port Meridian water mains
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                features: { from: 2005-01, to: 2016-12 }
                model: { negativeRate: 0.2, trainFrom: 2008, trees: 120, depth: 4, learningRate: 0.1, threads: 2 }
                """);
        assertThat(config.title()).isEqualTo("Port Meridian water mains");
        assertThat(config.features().fromMonth()).isEqualTo(YearMonth.of(2005, 1));
        assertThat(config.features().toMonth()).isEqualTo(YearMonth.of(2016, 12));
        assertThat(config.model().trainFromMonth()).isEqualTo(YearMonth.of(2008, 1));
        assertThat(config.model().negativeRate()).isEqualTo(0.2);

        Pipeline pipeline = Pipeline.of(config);
        FeatureSetDefinition definition = pipeline.featureDefinition();
        assertThat(definition.firstMonth()).isEqualTo(YearMonth.of(2005, 1));
        assertThat(definition.lastMonth()).isEqualTo(YearMonth.of(2016, 12));
        TrainingConfig training = pipeline.trainingConfig(definition, Target.BREAK_COUNT);
        assertThat(training.negativeSampleRate()).isEqualTo(0.2);
        assertThat(training.trainFrom()).isEqualTo(YearMonth.of(2008, 1));
        assertThat(training.hyper()).isEqualTo(HyperParameters.defaults().withTrees(120).withMaxDepth(4)
                .withLearningRate(0.1).withThreads(2));

        assertThatThrownBy(() -> read(SOURCES + """
                features: { from: 2017-01, to: 2016-13 }
                model: { algorithm: logistic, targets: [break_count], negativeRate: 1.5, trainFrom: 08, trees: 0,
                         depth: 40, learningRate: 0, threads: 0 }
                """))
                .hasMessageContaining("model.targets: break_count needs algorithm xgboost or java_gbm")
                .hasMessageStartingWith(dir.resolve("pipeline.yaml") + ": ")
                .hasMessageContaining("features.to: '2016-13' is not a month YYYY-MM")
                .hasMessageContaining("model.negativeRate: 1.5 is not a share in (0, 1]")
                .hasMessageContaining("model.trainFrom: '08' is not a year YYYY or a month YYYY-MM")
                .hasMessageContaining("model.trees: 0 is not in 1..10000")
                .hasMessageContaining("model.depth: 40 is not in 1..16")
                .hasMessageContaining("model.learningRate: 0.0 is not in (0, 1]")
                .hasMessageContaining("model.threads: 0 is not in 1..1024");
        assertThatThrownBy(() -> read(SOURCES + """
                features: { from: 2017-01, to: 2016-12 }
                model: { trainFrom: 2016-06, scoreMonth: 2018-01 }
                """))
                .hasMessageContaining("features.from: 2017-01 is after features.to 2016-12")
                .hasMessageContaining("model.trainFrom: 2016-06 is before features.from 2017-01")
                .hasMessageContaining("model.scoreMonth: 2018-01 is after features.to 2016-12");
    }

    @Test
    void theDefaultTitleComesFromTheFeatureSetNameNotACity() throws Exception {
        PipelineConfig config = read(SOURCES + """
                features: { name: port-meridian_wards }
                """);
        assertThat(config.title()).isEqualTo("Port meridian wards: water main breaks and risk");
        assertThat(config.withDatabase("other.duckdb").title()).isEqualTo(config.title());
        assertThat(new PipelineConfig(null, null, null, null, null).title())
                .isEqualTo("Breakwater default: water main breaks and risk");
    }

    @Test
    void pipeGrainWithoutAPipeInventoryIsRefused() {
        assertThatThrownBy(() -> read("""
                database: bw.duckdb
                sources:
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                features: { grain: pipe }
                """))
                .hasMessageContaining("features.grain: 'pipe' needs sources.pipes");
    }

    @Test
    void aSoilTableKeyedByAreaNeedsTheAreasItsCodesName() throws Exception {
        Files.writeString(dir.resolve("soil-mapping.yaml"), "source: s\nkind: soil\nformat: { type: csv }\n"
                + "id: { columns: [AREA] }\nattributes:\n  corrosivity: { column: C }\n");
        Files.writeString(dir.resolve("soil.csv"), "AREA,C\nA,low\n");
        String config = """
                database: bw.duckdb
                sources:
                  %s
                  soil: { mapping: soil-mapping.yaml, file: soil.csv }
                  breaks:
                    - { mapping: breaks-mapping.yaml, file: breaks.csv }
                features: { grain: grid:500 }
                """;
        assertThatThrownBy(() -> read(config.formatted("")))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("sources.soil: a soil table keyed by area (format csv) needs sources.areas");
        assertThat(read(config.formatted("areas: { mapping: areas-mapping.yaml, file: areas.geojson }")).sources()
                .soil().file()).isEqualTo(dir.resolve("soil.csv").toString());
    }

    // features.period (yearly snapshots by default at pipe grain) and model.duckdbMemoryLimit

    private PipelineConfig readPipes(String features, String model) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, """
                database: bw.duckdb
                sources:
                  areas: { mapping: areas-mapping.yaml, file: areas.geojson }
                  pipes: { mapping: pipes-mapping.yaml, file: pipes.geojson }
                  breaks: [ { mapping: breaks-mapping.yaml, file: breaks.csv } ]
                features: %s
                model: %s
                """.formatted(features, model));
        return PipelineConfig.read(file);
    }

    @Test
    void pipeGrainSnapshotsYearlyByDefaultAndCoarseGrainsMonthly() throws Exception {
        PipelineConfig pipes = readPipes("{ grain: pipe }", "{}");
        assertThat(pipes.features().period()).isEqualTo("year");
        assertThat(Pipeline.of(pipes).featureDefinition().period()).isEqualTo(Period.YEAR);
        assertThat(Pipeline.of(pipes).featureDefinition().definitionJson()).contains("\"period\":\"year\"");
        PipelineConfig areas = readPipes("{ grain: area }", "{}");
        assertThat(areas.features().period()).isEqualTo("month");
        assertThat(Pipeline.of(areas).featureDefinition().definitionJson()).doesNotContain("period");
        PipelineConfig monthlyPipes = readPipes("{ grain: pipe, period: month, horizon: 3 }", "{}");
        assertThat(Pipeline.of(monthlyPipes).featureDefinition().period()).isEqualTo(Period.MONTH);
    }

    @Test
    void aWrongPeriodOrAShortHorizonOnYearlySnapshotsIsNamedByItsKey() {
        assertThatThrownBy(() -> readPipes("{ grain: pipe, period: week }", "{}"))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("features.period: 'week' is not one of month, year");
        assertThatThrownBy(() -> readPipes("{ grain: pipe, horizon: 3 }", "{}"))
                .hasMessageContaining("features.period: yearly snapshots take horizon 12")
                .hasMessageContaining("set period: month for a shorter horizon");
    }

    @Test
    void theDuckDbMemoryLimitIsCheckedAndAppliedToTheRunsStore() throws Exception {
        assertThat(readPipes("{ grain: area }", "{}").model().duckdbMemoryLimit()).isEqualTo("2GB");
        assertThatThrownBy(() -> readPipes("{ grain: area }", "{ duckdbMemoryLimit: lots }"))
                .hasMessageContaining("model.duckdbMemoryLimit: 'lots' is not a size such as 2GB or 512MB");
        PipelineConfig config = readPipes("{ grain: area }", "{ duckdbMemoryLimit: 700MB }");
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("bw.duckdb").toString())) {
            // the features stage refuses an empty store, after the limit was set
            assertThatThrownBy(() -> Pipeline.of(config).stages(Stage.FEATURES, Stage.FEATURES).run(store))
                    .isInstanceOf(BreakwaterException.class);
            try (Statement s = store.connection().createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('memory_limit')")) {
                rs.next();
                assertThat(rs.getString(1)).matches("6[0-9]{2}\\.[0-9] MiB");
            }
        }
    }
}
