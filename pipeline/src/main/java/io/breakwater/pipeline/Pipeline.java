package io.breakwater.pipeline;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;

import io.breakwater.bi.ExportFormat;
import io.breakwater.bi.ExportResult;
import io.breakwater.bi.PowerBiExport;
import io.breakwater.bi.RefreshResult;
import io.breakwater.bi.Report;
import io.breakwater.bi.ReportResult;
import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StoreLocation;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.pipes.PipeMatcher;
import io.breakwater.features.FeatureBuild;
import io.breakwater.features.FeatureBuildResult;
import io.breakwater.features.FeatureSetDefinition;
import io.breakwater.features.Grain;
import io.breakwater.features.Period;
import io.breakwater.ml.Algorithm;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.ModelInfo;
import io.breakwater.ml.ModelSelection;
import io.breakwater.ml.ModelStageResult;
import io.breakwater.ml.RiskBands;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScoringResult;
import io.breakwater.ml.Target;
import io.breakwater.ml.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole Breakwater pipeline: ingest, features, model, score, forecast, BI, in that order, on one store. The entry point for
 * programs that embed Breakwater.
 *
 * <pre>{@code
 * PipelineResult result = Pipeline.of(PipelineConfig.read(Path.of("pipeline.yaml")))
 *         .clock(Clock.systemUTC())
 *         .progress(listener)
 *         .run();
 * }</pre>
 *
 * Every stage is idempotent, so a run can be repeated or resumed with {@link #stages(Stage, Stage)}. Immutable.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineConfig config;
    private final Clock clock;
    private final ProgressListener progress;
    private final Stage from;
    private final Stage to;

    private Pipeline(PipelineConfig config, Clock clock, ProgressListener progress, Stage from, Stage to) {
        this.config = Objects.requireNonNull(config, "config").validate();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.from = from;
        this.to = to;
        if (from.compareTo(to) > 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "first stage " + from.id() + " comes after last stage " + to.id() + ": expected stages in the "
                            + "order ingest, features, model, score, bi");
        }
    }

    /** A pipeline for {@code config}: every stage, the system UTC clock, no progress reporting. */
    public static Pipeline of(PipelineConfig config) {
        return new Pipeline(config, Clock.systemUTC(), ProgressListener.NONE, Stage.INGEST, Stage.BI);
    }

    /** The clock that stamps runs, feature builds, models and scores. */
    public Pipeline clock(Clock clock) {
        return new Pipeline(config, clock, progress, from, to);
    }

    public Pipeline progress(ProgressListener progress) {
        return new Pipeline(config, clock, progress, from, to);
    }

    /** Runs only the stages from {@code first} to {@code last}, inclusive. */
    public Pipeline stages(Stage first, Stage last) {
        return new Pipeline(config, clock, progress, first, last);
    }

    public PipelineConfig config() {
        return config;
    }

    /**
     * Every output of the stages to run is checked before the first runs: the report must be a file path (not a
     * folder), the Power BI and model outputs folder paths (not files). A wrong kind of path found after the BI stage
     * had rebuilt its tables would waste the run.
     */
    private void checkOutputs() {
        PipelineConfig.Outputs out = config.outputs();
        if (out == null) {
            return;
        }
        if (to.compareTo(Stage.BI) >= 0 && from.compareTo(Stage.BI) <= 0) {
            refuseKind(out.report(), "outputs.report", false);
            refuseKind(out.powerbi(), "outputs.powerbi", true);
        }
        if (to.compareTo(Stage.MODEL) >= 0 && from.compareTo(Stage.MODEL) <= 0) {
            refuseKind(out.models(), "outputs.models", true);
        }
    }

    private void refuseKind(String output, String key, boolean folder) {
        if (output == null) {
            return;
        }
        Path p = path(output);
        if (Files.exists(p) && Files.isDirectory(p) != folder) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, key + ": " + p + " is a "
                    + (folder ? "file" : "folder") + "; expected " + (folder ? "a folder" : "a file") + " path, or one "
                    + "that does not exist yet (nothing was run)");
        }
    }

    /** Opens (creating and migrating) the config's database and runs the chosen stages on it. */
    public PipelineResult run() {
        StoreLocation location = StoreLocation.parse(config.database());
        if (location.path() != null && location.path().getParent() != null) {
            createFolder(location.path().getParent());
        }
        try (BreakwaterStore store = BreakwaterStore.open(location)) {
            return run(store);
        }
    }

    /** Runs the chosen stages on an open store (an embedding program's own, for instance). */
    public PipelineResult run(BreakwaterStore store) {
        checkOutputs();
        store.duckDbMemoryLimit(config.model().duckdbMemoryLimit());
        long started = System.nanoTime();
        List<StageResult> results = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("database", store.location().describe());
        FeatureSetDefinition definition = featureDefinition();
        List<String> finalModels = new ArrayList<>();
        Tail tail = new Tail();
        for (Stage stage : Stage.values()) {
            if (stage.compareTo(from) < 0 || stage.compareTo(to) > 0) {
                continue;
            }
            long t = System.nanoTime();
            List<String> lines = switch (stage) {
                case INGEST -> ingest(store);
                case FEATURES -> features(store, definition);
                case MODEL -> model(store, definition, finalModels, outputs, tail);
                case SCORE -> score(store, definition, finalModels, outputs, tail);
                case FORECAST -> ForecastStage.run(store, config.forecast(), clock);
                case BI -> bi(store, outputs);
            };
            StageResult result = new StageResult(stage, Duration.ofNanos(System.nanoTime() - t), lines);
            LOG.info("stage {} finished in {} ms", stage.id(), result.elapsed().toMillis());
            results.add(result);
        }
        return new PipelineResult(store.location().describe(), results, Duration.ofNanos(System.nanoTime() - started),
                outputs, definition.featureSetId(), finalModels);
    }

    // ------------------------------------------------------------------------------------------------ stages

    private List<String> ingest(BreakwaterStore store) {
        PipelineConfig.Sources sources = config.sources();
        Ingest ingest = Ingest.into(store).withClock(clock).withProgress(progress);
        List<String> lines = new ArrayList<>();
        if (sources.areas() != null) {
            lines.add(ingest.areas(path(sources.areas().mapping()), path(sources.areas().file())).summary());
        }
        if (sources.soil() != null) {
            lines.add(ingest.soil(path(sources.soil().mapping()), path(sources.soil().file())).summary());
        }
        if (sources.pipes() != null) {
            lines.add(ingest.pipes(path(sources.pipes().mapping()), path(sources.pipes().file())).summary());
        }
        for (PipelineConfig.Source climate : sources.climate()) {
            lines.add(ingest.climate(path(climate.mapping()), path(climate.file())).summary());
        }
        for (PipelineConfig.Source breaks : sources.breaks()) {
            lines.add(ingest.breaks(path(breaks.mapping()), path(breaks.file())).summary());
        }
        if (sources.pipes() != null) {
            lines.add(ingest.matchPipes(PipeMatcher.Options.DEFAULT).summary());
        }
        if (sources.soil() != null) {
            lines.add(ingest.soilOverlay().summary());
        }
        return lines;
    }

    private List<String> features(BreakwaterStore store, FeatureSetDefinition definition) {
        FeatureBuildResult result = FeatureBuild.on(store).clock(clock).progress(progress).run(definition);
        return List.of(String.format(Locale.ROOT,
                "features %s: %,d assets x %s = %,d rows (%s..%s), %,d breaks on assets, %,d unassigned, in %.1f s",
                result.featureSetId(), result.assetCount(), result.snapshots(), result.rowCount(), result.firstMonth(),
                result.lastMonth(), result.breaksInPanel(), result.breaksUnassigned(), seconds(result.total())));
    }

    private List<String> model(BreakwaterStore store, FeatureSetDefinition definition, List<String> finalModels,
            Map<String, String> outputs, Tail tail) {
        RiskModels models = models(store, outputs);
        List<String> lines = new ArrayList<>();
        CompleteMonths.Result complete = tail.of(store, definition.featureSetId(), lines);
        YearMonth last = complete.lastComplete();
        LocalDate firstMonth = store.dsl().select(FEATURE_SETS.FIRST_MONTH).from(FEATURE_SETS)
                .where(FEATURE_SETS.FEATURE_SET_ID.eq(definition.featureSetId())).fetchOne(FEATURE_SETS.FIRST_MONTH);
        YearMonth firstUsed = YearMonth.from(firstMonth);
        YearMonth trainFrom = config.model().trainFromMonth();
        if (trainFrom != null && trainFrom.isAfter(firstUsed)) {
            firstUsed = trainFrom;
        }
        List<Integer> testYears = testYears(firstUsed, last, definition.horizonMonths());
        List<TrainingConfig> trainings = targets().stream().map(t -> trainingConfig(definition, t)).toList();
        ModelSelection selection = config.model().selection().toSelection(trainings.get(0).hyper());
        // one transaction for the whole stage; the incomplete tail is never seen: training and calibration labels end
        // by the last complete month
        ModelStageResult stage = models.evaluateAndTrain(trainings, testYears,
                complete.skipped().isEmpty() ? null : last.plusMonths(1), selection);
        for (int i = 0; i < trainings.size(); i++) {
            lines.addAll(evaluationLines(stage.evaluations().get(i)));
            ModelInfo model = stage.models().get(i).model();
            if (!finalModels.contains(model.modelId())) {
                finalModels.add(model.modelId()); // both targets may choose one learner, and so one model: scored once
            }
            lines.add("model " + model.modelId() + " (" + model.algorithm() + ", " + model.target() + ") trained on "
                    + model.trainStart() + ".." + model.trainEnd() + ", "
                    + String.format(Locale.ROOT, "%,d", model.trainingRows()) + " rows");
        }
        return lines;
    }

    private List<String> score(BreakwaterStore store, FeatureSetDefinition definition, List<String> finalModels,
            Map<String, String> outputs, Tail tail) {
        RiskModels models = models(store, outputs);
        if (finalModels.isEmpty()) {
            models.finalModels(definition.featureSetId()).forEach(m -> finalModels.add(m.modelId()));
        }
        if (finalModels.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "no trained model for feature set "
                    + definition.featureSetId() + ": run the model stage before this one");
        }
        List<String> lines = new ArrayList<>();
        YearMonth month = config.model().scoreMonth().equals("latest")
                ? latestState(store, definition, tail.of(store, definition.featureSetId(), lines).lastComplete(), lines)
                : snapshotAtOrBefore(store, definition.featureSetId(), YearMonth.parse(config.model().scoreMonth()),
                        lines);
        for (String modelId : finalModels) {
            ScoringResult scored = models.score(modelId, month, RiskBands.defaults());
            lines.add(String.format(Locale.ROOT, "scores %s for %s: %,d assets, %.1f breaks expected over %d months, %s, "
                    + "ranked by %s", modelId, scored.month(), scored.assetsScored(), scored.expectedBreaks(),
                    scored.horizonMonths(), scored.classCounts(), scored.rankedBy()));
        }
        return lines;
    }

    private List<String> bi(BreakwaterStore store, Map<String, String> outputs) {
        List<String> lines = new ArrayList<>();
        RefreshResult refreshed = StarSchema.refresh(store, clock, progress);
        lines.add(String.format(Locale.ROOT, "star schema refreshed: %d tables, %,d rows, dim_date %d..%d, in %.1f s",
                refreshed.tables().size(), refreshed.tables().stream().mapToLong(t -> t.rowCount()).sum(),
                refreshed.firstYear(), refreshed.lastYear(), seconds(refreshed.elapsed())));
        PipelineConfig.Outputs out = config.outputs();
        if (out.powerbi() != null) {
            Path folder = path(out.powerbi());
            createFolder(folder);
            ExportResult exported = PowerBiExport.to(folder).format(ExportFormat.PARQUET).title(config.title()).build()
                    .export(store, progress);
            lines.add("Power BI export: " + exported.tables().size() + " " + exported.format().extension() + " files, "
                    + exported.pbipFile() + ", " + exported.pbidsFile() + ", " + exported.readme());
            outputs.put("powerbi", folder.toString());
        }
        if (out.report() != null) {
            Path file = path(out.report());
            if (file.getParent() != null) {
                createFolder(file.getParent());
            }
            ReportResult report = Report.builder().title(config.title()).clock(clock).build().write(store, file, progress);
            lines.add(String.format(Locale.ROOT, "report %s: %,d bytes, %d charts, %d without data", report.file(),
                    report.bytes(), report.charts().size(), report.empty().size()));
            outputs.put("report", file.toString());
        }
        return lines;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    FeatureSetDefinition featureDefinition() {
        PipelineConfig.Features f = config.features();
        return FeatureSetDefinition.builder().name(f.name()).version(f.version()).grain(Grain.parse(f.grain()))
                .horizonMonths(f.horizon()).firstMonth(f.fromMonth()).lastMonth(f.toMonth())
                .attributes(f.attributes()).period(Period.parse(f.period())).climateSeriesId(f.climateSeries()).build();
    }

    private RiskModels models(BreakwaterStore store, Map<String, String> outputs) {
        Path artifacts = modelFolder(store);
        createFolder(artifacts);
        outputs.put("models", artifacts.toString());
        return RiskModels.using(store).artifactDirectory(artifacts).clock(clock).progress(progress).build();
    }

    private Path modelFolder(BreakwaterStore store) {
        if (config.outputs().models() != null) {
            return path(config.outputs().models());
        }
        Path db = store.location().path();
        return db == null ? Path.of("models").toAbsolutePath() : db.toAbsolutePath().getParent().resolve("models");
    }

    private List<Target> targets() {
        return config.model().targets().stream().map(Target::parse).toList();
    }

    TrainingConfig trainingConfig(FeatureSetDefinition definition, Target target) {
        PipelineConfig.Model m = config.model();
        HyperParameters hyper = HyperParameters.defaults();
        if (m.trees() != null) {
            hyper = hyper.withTrees(m.trees());
        }
        if (m.depth() != null) {
            hyper = hyper.withMaxDepth(m.depth());
        }
        if (m.learningRate() != null) {
            hyper = hyper.withLearningRate(m.learningRate());
        }
        if (m.threads() != null) {
            hyper = hyper.withThreads(m.threads());
        }
        return TrainingConfig.of(definition.featureSetId())
                .withAlgorithm(Algorithm.parse(m.algorithm()))
                .withTarget(target)
                .withSeed(m.seed())
                .withHyper(hyper)
                .withNegativeSampleRate(m.negativeRate() == null ? Double.NaN : m.negativeRate())
                .withTrainFrom(m.trainFromMonth());
    }

    /**
     * The latest complete month of a feature set's months, judged once per run from the break records inside them
     * (see {@link CompleteMonths}); the first stage that asks adds the one line saying what was skipped and why.
     */
    private static final class Tail {
        private CompleteMonths.Result result;

        CompleteMonths.Result of(BreakwaterStore store, String featureSetId, List<String> lines) {
            if (result == null) {
                result = judge(store, featureSetId);
                if (result.summary() != null) {
                    lines.add(result.summary());
                    LOG.info("{}", result.summary());
                }
            }
            return result;
        }
    }

    static CompleteMonths.Result judge(BreakwaterStore store, String featureSetId) {
        var span = store.dsl().select(FEATURE_SETS.FIRST_MONTH, FEATURE_SETS.LAST_MONTH).from(FEATURE_SETS)
                .where(FEATURE_SETS.FEATURE_SET_ID.eq(featureSetId)).fetchOne();
        if (span == null || span.value1() == null || span.value2() == null) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "feature set " + featureSetId
                    + " has not been built: run the features stage before this one");
        }
        YearMonth first = YearMonth.from(span.value1());
        YearMonth last = YearMonth.from(span.value2());
        var monthKey = PIPE_BREAKS_CLEAN.BREAK_YEAR.mul(12).plus(PIPE_BREAKS_CLEAN.BREAK_MONTH).minus(1);
        var inSpan = monthKey.between(first.getYear() * 12 + first.getMonthValue() - 1,
                last.getYear() * 12 + last.getMonthValue() - 1);
        Map<YearMonth, Long> sparse = new TreeMap<>();
        for (Record3<Integer, Integer, Integer> r : store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_YEAR,
                        PIPE_BREAKS_CLEAN.BREAK_MONTH, DSL.count()).from(PIPE_BREAKS_CLEAN).where(inSpan)
                .groupBy(PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH).fetch()) {
            sparse.put(YearMonth.of(r.value1(), r.value2()), r.value3().longValue());
        }
        LocalDate newest = store.dsl().select(DSL.max(PIPE_BREAKS_CLEAN.BREAK_DATE)).from(PIPE_BREAKS_CLEAN)
                .where(inSpan).fetchOne().value1();
        return CompleteMonths.of(CompleteMonths.filled(sparse, first, last), newest);
    }

    /**
     * The month {@code scoreMonth: latest} scores: the latest complete month. A yearly panel holds no row for it when
     * the records stop inside the panel's last month (its rows are Decembers and that last month): it then scores the
     * last month, the newest state it keeps for scoring (its counts run to the newest record; it was never trained on,
     * its outcome being unknown), not a December a year older that the final model was trained on.
     */
    private static YearMonth latestState(BreakwaterStore store, FeatureSetDefinition definition, YearMonth complete,
            List<String> lines) {
        String featureSetId = definition.featureSetId();
        if (definition.period() == Period.YEAR && !hasRows(store, featureSetId, complete)) {
            YearMonth last = YearMonth.from(store.dsl().select(FEATURE_SETS.LAST_MONTH).from(FEATURE_SETS)
                    .where(FEATURE_SETS.FEATURE_SET_ID.eq(featureSetId)).fetchOne(FEATURE_SETS.LAST_MONTH));
            if (last.isAfter(complete) && hasRows(store, featureSetId, last)) {
                lines.add("scoring " + last + ", the last month of feature set " + featureSetId + " and its newest "
                        + "state: its yearly snapshots hold no row for the latest complete month " + complete);
                return last;
            }
        }
        return snapshotAtOrBefore(store, featureSetId, complete, lines);
    }

    private static boolean hasRows(BreakwaterStore store, String featureSetId, YearMonth month) {
        return store.dsl().fetchExists(PIPE_FEATURES_MONTHLY, PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(featureSetId)
                .and(PIPE_FEATURES_MONTHLY.MONTH_START.eq(month.atDay(1))));
    }

    /**
     * {@code month}, or when the panel holds no rows for it (yearly snapshots hold Decembers and the last month) the
     * newest snapshot before it, with a line saying so.
     */
    private static YearMonth snapshotAtOrBefore(BreakwaterStore store, String featureSetId, YearMonth month,
            List<String> lines) {
        LocalDate newest = store.dsl().select(DSL.max(PIPE_FEATURES_MONTHLY.MONTH_START)).from(PIPE_FEATURES_MONTHLY)
                .where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(featureSetId))
                .and(PIPE_FEATURES_MONTHLY.MONTH_START.le(month.atDay(1))).fetchOne().value1();
        if (newest == null || YearMonth.from(newest).equals(month)) {
            return month;
        }
        YearMonth snapshot = YearMonth.from(newest);
        lines.add("scoring the snapshot of " + snapshot + ", the newest of feature set " + featureSetId + " at or "
                + "before " + month + " (its panel holds yearly snapshots)");
        return snapshot;
    }

    /** The configured test years, or the last five whose label windows are complete. */
    private List<Integer> testYears(YearMonth firstFeatureMonth, YearMonth lastFeatureMonth, int horizon) {
        PipelineConfig.Model m = config.model();
        // test year Y is scored on the December Y-1 rows, whose labels need the H months after them
        int lastComplete = lastFeatureMonth.getYear();
        while (YearMonth.of(lastComplete - 1, 12).plusMonths(horizon).isAfter(lastFeatureMonth)) {
            lastComplete--;
        }
        int last = m.lastTestYear() != null ? m.lastTestYear() : lastComplete;
        // by default the last five test years that still leave at least two years of training rows before them
        int earliest = firstFeatureMonth.plusMonths(24L + 2L * horizon).getYear() + 1;
        int first = m.firstTestYear() != null ? m.firstTestYear() : Math.max(last - 4, Math.min(earliest, last));
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    /** The evaluation's rankers, then the model against the strongest baseline per test year and as a mean. */
    private static List<String> evaluationLines(EvaluationResult e) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "evaluation %s (%s, %s), test years %s, rankers chosen: %s",
                e.evaluationId(), e.algorithm(), e.target(), e.testYears(), String.join(", ", e.rankers())));
        if (e.comparison() != null) {
            e.comparison().yearLines().forEach(l -> lines.add("  " + l));
            lines.add("  " + e.comparison().statement());
        }
        return lines;
    }

    private static Path path(String text) {
        return Path.of(text);
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot create folder " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
