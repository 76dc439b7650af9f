package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.Algorithm;
import io.breakwater.ml.EvaluationResult;
import io.breakwater.ml.FeatureImportance;
import io.breakwater.ml.ModelDetails;
import io.breakwater.ml.ModelInfo;
import io.breakwater.ml.RiskModels;
import io.breakwater.ml.ScorerMetrics;
import io.breakwater.ml.Target;
import io.breakwater.ml.TrainingConfig;
import io.breakwater.ml.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;

/** {@code breakwater model ...}: train, evaluate and inspect risk models. */
@Command(name = "model",
        subcommands = {ModelCommand.Train.class, ModelCommand.Evaluate.class, ModelCommand.ListModels.class,
            ModelCommand.Show.class})
final class ModelCommand extends CommandGroup {

    /** Options every command that trains shares. */
    static final class TrainingOptions {
        @Option(names = "--feature-set", required = true, paramLabel = "ID", description = "Feature set id (name@version).")
        String featureSet;
        @Option(names = "--algorithm", defaultValue = "xgboost", description = "xgboost (default), logistic, java_gbm.")
        String algorithm;
        @Option(names = "--target", defaultValue = "any_break",
                description = "any_break (probability, default) or break_count (expected breaks, Poisson).")
        String target;
        @Option(names = "--name", description = "Name in the registry.")
        String name;
        @Mixin
        SeedOption seed;
        @Mixin
        LearnerOptions learner;
        @Option(names = "--learning-rate", defaultValue = "0.05", description = "Shrinkage (default ${DEFAULT-VALUE}).")
        double learningRate;
        @Option(names = "--negative-rate", defaultValue = "auto",
                description = "Share of negative training rows kept, or auto (about 10 negatives per positive).")
        String negativeRate;
        @Option(names = "--train-from", paramLabel = "YYYY-MM", description = "First training month (default: all).")
        String trainFrom;
        @Option(names = "--models", paramLabel = "DIR",
                description = "Folder for model files (default: 'models' beside the database).")
        Path models;

        TrainingConfig config() {
            double rate = "auto".equalsIgnoreCase(negativeRate) ? Double.NaN : parseRate(negativeRate);
            TrainingConfig c = TrainingConfig.of(featureSet).withAlgorithm(Algorithm.parse(algorithm))
                    .withTarget(Target.parse(target)).withHyper(learner.hyper().withLearningRate(learningRate))
                    .withSeed(seed.value).withNegativeSampleRate(rate)
                    .withTrainFrom(trainFrom == null ? null : month(trainFrom, "--train-from"));
            return name == null ? c : c.withName(name);
        }

        private static double parseRate(String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "--negative-rate '" + text + "' is not a number in (0, 1] or 'auto'");
            }
        }
    }

    static YearMonth month(String text, String option) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    option + " '" + text + "' is not a month: expected YYYY-MM");
        }
    }

    static Path modelsFolder(BreakwaterStore store, Path option) {
        if (option != null) {
            return option;
        }
        Path db = store.location().path();
        return db == null ? Path.of("models") : db.toAbsolutePath().getParent().resolve("models");
    }

    static RiskModels ml(BreakwaterStore store, Path models, CommandSpec spec) {
        return RiskModels.using(store).artifactDirectory(modelsFolder(store, models)).clock(Clock.systemUTC())
                .progress(OutputOptions.progress(spec)).build();
    }

    /** A command that trains: the training options, and the models of the store in the folder they name. */
    abstract static class Training extends StoreCommand {
        @Mixin
        TrainingOptions options;

        RiskModels ml(BreakwaterStore store) {
            return ModelCommand.ml(store, options.models, spec);
        }
    }

    @Command(name = "train")
    static final class Train extends Training {
        @Option(names = "--cutoff", paramLabel = "YYYY-MM", description = "As-of month: nothing from it on is seen.")
        String cutoff;

        @Override
        public Integer call() {
            TrainingConfig config = cutoff == null ? options.config()
                    : options.config().withCutoff(month(cutoff, "--cutoff"));
            return onStore(Access.WRITE, (store, out) -> {
                TrainingResult r = ml(store).train(config);
                printInfo(out, r.model());
                out.println();
                out.println("Validation (last calibration month; calibration metrics are optimistic here):");
                printTable(out, r.validation(), "validation");
                printImportance(out, r.importance(), 10);
            });
        }
    }

    @Command(name = "evaluate")
    static final class Evaluate extends Training {
        @Option(names = "--test-years", required = true, paramLabel = "Y1-Y2|Y1,Y2",
                description = "Test years, e.g. 2012-2016 or 2012,2014.")
        String testYears;

        @Override
        public Integer call() {
            List<Integer> years = years(testYears);
            return onStore(Access.WRITE, (store, out) -> {
                EvaluationResult r = ml(store).evaluate(options.config(), years);
                out.printf("evaluation %s: %s %s on %s%n", r.evaluationId(), r.algorithm(), r.target(), r.featureSetId());
                for (int i = 0; i < years.size(); i++) {
                    out.printf("%ntest year %d (model %s)%n", years.get(i), r.modelIds().get(i));
                    printTable(out, r.metrics(), String.valueOf(years.get(i)));
                }
                out.printf("%nmean of years %s%n", testYears);
                printTable(out, r.metrics(), "mean");
                out.printf("%npooled over %s%n", testYears);
                printTable(out, r.metrics(), "pooled");
                if (r.comparison() != null) {
                    out.printf("%n");
                    r.comparison().yearLines().forEach(out::println);
                    out.println(r.comparison().statement());
                }
            });
        }

        static List<Integer> years(String text) {
            List<Integer> years = new ArrayList<>();
            try {
                for (String part : text.split(",")) {
                    String p = part.trim();
                    if (p.matches("\\d{4}-\\d{4}")) {
                        int a = Integer.parseInt(p.substring(0, 4));
                        int b = Integer.parseInt(p.substring(5));
                        for (int y = Math.min(a, b); y <= Math.max(a, b); y++) {
                            years.add(y);
                        }
                    } else {
                        years.add(Integer.parseInt(p));
                    }
                }
            } catch (NumberFormatException e) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "--test-years '" + text + "' is not a list of years: expected e.g. 2012-2016 or 2012,2014");
            }
            return years;
        }
    }

    @Command(name = "list")
    static final class ListModels extends StoreCommand {

        @Override
        public Integer call() {
            return onStore(Access.READ, (store, out) -> {
                List<ModelInfo> models = RiskModels.using(store).artifactDirectory(Path.of(".")).build().list();
                if (models.isEmpty()) {
                    out.println("no models registered (train one with 'breakwater model train')");
                    return;
                }
                out.printf("%-44s %-9s %-11s %-6s %-8s %-22s %10s %s%n", "model", "algorithm", "target", "grain",
                        "cut-off", "feature set", "rows", "created");
                for (ModelInfo m : models) {
                    out.printf("%-44s %-9s %-11s %-6s %-8s %-22s %,10d %s%n", m.modelId(), m.algorithm(), m.target(),
                            m.grain(), YearMonth.from(m.cutoffMonth()), m.featureSetId(), m.trainingRows(),
                            m.createdAt().withNano(0));
                }
            });
        }
    }

    @Command(name = "show")
    static final class Show extends StoreCommand {
        @Parameters(paramLabel = "MODEL_ID", description = "A model id from 'breakwater model list'.")
        String modelId;

        @Override
        public Integer call() {
            return onStore(Access.READ, (store, out) -> {
                ModelDetails d;
                try {
                    d = RiskModels.using(store).artifactDirectory(Path.of(".")).build().show(modelId);
                } catch (BreakwaterException e) {
                    throw e.errorCode() != ErrorCode.INVALID_CONFIGURATION ? e : new BreakwaterException(e.errorCode(),
                            e.getMessage() + " (see 'breakwater model list')", e);
                }
                printInfo(out, d.model());
                if (d.selection() != null) {
                    out.printf("selection        %s%n", d.selection());
                }
                Set<String> periods = new LinkedHashSet<>();
                d.metrics().forEach(m -> periods.add(m.period()));
                for (String p : periods) {
                    out.printf("%nmetrics, %s%n", p);
                    printTable(out, d.metrics(), p);
                }
                printImportance(out, d.importance(), 15);
            });
        }
    }

    static void printInfo(PrintWriter out, ModelInfo m) {
        out.printf("model            %s (%s)%n", m.modelId(), m.name());
        out.printf("algorithm        %s, target %s, grain %s, horizon %d months%n", m.algorithm(), m.target(), m.grain(),
                m.horizonMonths());
        out.printf("feature set      %s (version %s, hash %s)%n", m.featureSetId(), m.featureSetVersion(),
                m.featureSetHash());
        out.printf("cut-off          %s; training months %s .. %s; calibration months %s .. %s%n",
                YearMonth.from(m.cutoffMonth()), YearMonth.from(m.trainStart()), YearMonth.from(m.trainEnd()),
                YearMonth.from(m.validationStart()), YearMonth.from(m.validationEnd()));
        out.printf("training rows    %,d (%,d positives; negatives kept at %.4f), seed %d%n", m.trainingRows(),
                m.trainingPositives(), m.negativeSampleRate() == null ? Double.NaN : m.negativeSampleRate(), m.seed());
        out.printf("data hash        %s%n", m.trainingDataHash());
        out.printf("artifact         %s%n                 sha256 %s%n", m.artifactPath(), m.artifactSha256());
        out.printf("calibration      %s%n", m.calibration());
        out.printf("created          %s by breakwater %s%n", m.createdAt().withNano(0), m.breakwaterVersion());
        if (m.trainerNote() != null) {
            out.printf("note             %s%n", m.trainerNote());
        }
    }

    private static final List<String> ROWS = List.of("roc_auc", "pr_auc", "brier", "precision_top_1pct",
            "precision_top_5pct", "precision_top_10pct", "recall_top_1pct", "recall_top_5pct", "recall_top_10pct",
            "lift_top_10pct", "break_share_top_1pct_assets", "break_share_top_5pct_assets",
            "break_share_top_10pct_assets", "break_share_top_1pct_length", "break_share_top_5pct_length",
            "break_share_top_10pct_length", "predicted_actual_ratio", "predicted_actual_breaks_ratio", "assets",
            "positives", "breaks");

    /** Metrics as rows, scorers as columns (model first). */
    static void printTable(PrintWriter out, List<ScorerMetrics> metrics, String period) {
        List<ScorerMetrics> cols = metrics.stream().filter(m -> m.period().equals(period))
                .sorted((a, b) -> Integer.compare(order(a.scorer()), order(b.scorer()))).toList();
        if (cols.isEmpty()) {
            out.println("  (no metrics)");
            return;
        }
        StringBuilder head = new StringBuilder(String.format("  %-30s", "metric"));
        cols.forEach(c -> head.append(String.format(" %" + width(c) + "s", c.scorer())));
        out.println(head);
        for (String row : ROWS) {
            if (cols.stream().allMatch(c -> Double.isNaN(c.get(row)))) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("  %-30s", row));
            for (ScorerMetrics c : cols) {
                double v = c.get(row);
                int w = width(c);
                line.append(Double.isNaN(v) ? String.format(" %" + w + "s", "-")
                        : Math.abs(v) >= 100 ? String.format(Locale.ROOT, " %," + w + ".0f", v)
                        : String.format(Locale.ROOT, " %" + w + ".4f", v));
            }
            out.println(line);
        }
    }

    private static int width(ScorerMetrics c) {
        return Math.max(12, c.scorer().length());
    }

    private static int order(String scorer) {
        return switch (scorer) {
            case "model" -> 0;
            case "random" -> 9;
            default -> 1;
        };
    }

    static void printImportance(PrintWriter out, List<FeatureImportance> importance, int limit) {
        out.printf("%nglobal feature importance (share of mean |contribution|)%n");
        importance.stream().limit(limit)
                .forEach(f -> out.printf(Locale.ROOT, "  %2d. %-28s %6.3f%n", f.rank(), f.feature(), f.importance()));
    }
}
