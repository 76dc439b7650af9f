package io.breakwater.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pipeline config: the database, the sources with their mappings, the asset grain, the horizon, the model settings
 * and the outputs. Read from YAML with {@link #read(Path)} (relative paths resolve against the file's folder) or built
 * in code; {@link #validate()} names every key that cannot work before anything runs.
 *
 * @param database where the store lives (a location string, see {@link StoreLocation})
 * @param sources  the raw inputs
 * @param features the feature panel
 * @param model    training, evaluation and scoring
 * @param outputs  report and Power BI export; either may be null
 * @param title    the title of the report and the Power BI export; default derived from the feature-set name
 *                 ({@code toronto-neighbourhoods} gives "Toronto neighbourhoods: water main breaks and risk")
 * @param forecast the forecast stage: monthly break forecasts and anomalous months (on unless {@code enabled: false})
 */
public record PipelineConfig(String database, Sources sources, Features features, Model model, Outputs outputs,
        String title, ForecastSettings forecast) {

    /** One input: a mapping file and the data it describes (a file, or a folder of files for climate). */
    public record Source(String mapping, String file) {
    }

    /**
     * The raw inputs; only breaks are required. {@code soil} is GeoJSON polygons or a CSV table keyed by area (which
     * then needs {@code areas}); {@code climate} entries may be folders of files, in any climate format.
     */
    public record Sources(Source areas, List<Source> breaks, List<Source> climate, Source soil, Source pipes) {
        public Sources {
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
            climate = climate == null ? List.of() : List.copyOf(climate);
        }
    }

    /**
     * The feature panel.
     *
     * @param grain   {@code pipe}, {@code area} or {@code grid:SIZE} (metres)
     * @param horizon label horizon in months: 1, 3 or 12
     * @param name    feature-set name
     * @param version feature-set version
     * @param from    first month of the data window, {@code YYYY-MM}; null for the first month of break data
     * @param to      last month of the data window, {@code YYYY-MM}; null for the last month of break data. Breaks
     *                after it are never read: labels whose horizon passes it are unknown, as at the data's end
     * @param attributes extra attributes (declared under a source mapping's {@code extra:}) to use as features
     * @param period  {@code year}: one snapshot per asset and year (its December row; label = breaks in the next 12
     *                months), {@code month}: one per asset and month. Default {@code year} at pipe grain (back-tests
     *                that need no seasonality, twelve times fewer rows), {@code month} at area and grid grain
     * @param climateSeries the {@code climate_monthly} series to read (a station id); null for the only one, or of
     *                several the one with the most observed months (with a warning). The forecast reads the same one unless
     *                {@code forecast.climateSeries} names another
     */
    public record Features(String grain, Integer horizon, String name, String version, String from, String to,
            List<String> attributes, String period, String climateSeries) {
        @JsonCreator
        public Features {
            grain = grain == null ? "area" : grain;
            period = period == null ? (grain.equals("pipe") ? "year" : "month") : period;
            horizon = horizon == null ? 12 : horizon;
            name = name == null ? "breakwater-default" : name;
            version = version == null ? "1" : version;
            attributes = attributes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(attributes));
            climateSeries = climateSeries == null || climateSeries.isBlank() ? null : climateSeries.strip();
        }

        /** A panel over the whole break history, without extra attributes. */
        public Features(String grain, Integer horizon, String name, String version) {
            this(grain, horizon, name, version, null, null, null);
        }

        /** A panel over a data window, without extra attributes. */
        public Features(String grain, Integer horizon, String name, String version, String from, String to) {
            this(grain, horizon, name, version, from, to, null);
        }

        /** A panel with extra attributes and the grain's default period. */
        public Features(String grain, Integer horizon, String name, String version, String from, String to,
                List<String> attributes) {
            this(grain, horizon, name, version, from, to, attributes, null, null);
        }

        /** The same panel with {@code month} or {@code year} snapshots. */
        public Features withPeriod(String p) {
            return new Features(grain, horizon, name, version, from, to, attributes, p, climateSeries);
        }

        /** {@link #from()} as a month, or null. */
        public YearMonth fromMonth() {
            return from == null ? null : YearMonth.parse(from);
        }

        /** {@link #to()} as a month, or null. */
        public YearMonth toMonth() {
            return to == null ? null : YearMonth.parse(to);
        }
    }

    /**
     * Training, evaluation and scoring. The learner knobs left null keep ml-core's defaults
     * ({@link io.breakwater.ml.HyperParameters#defaults()}: 300 trees of depth 3, learning rate 0.05, one thread).
     *
     * @param algorithm     {@code xgboost} (default), {@code logistic}, {@code java_gbm} (pure Java)
     * @param seed          random seed
     * @param firstTestYear first test year of the rolling evaluation
     * @param lastTestYear  last test year
     * @param scoreMonth    month to score, {@code YYYY-MM}, or {@code latest} (the latest complete month)
     * @param targets       {@code any_break} (probability) and/or {@code break_count} (expected count)
     * @param negativeRate  share of label-0 training rows kept, in (0, 1]; null: about 10 negatives per positive for
     *                      classifiers, every row for count models
     * @param trainFrom     first year ({@code YYYY}) or month ({@code YYYY-MM}) of training rows; null for the panel's
     *                      first month
     * @param trees         boosting rounds (xgboost, java_gbm)
     * @param depth         maximum tree depth
     * @param learningRate  shrinkage (XGBoost's eta), in (0, 1]
     * @param threads       XGBoost threads
     * @param selection     how each training window chooses its ranker ({@link SelectionConfig}); default on
     * @param duckdbMemoryLimit the memory DuckDB may use during the run (features, training reads, scoring), e.g.
     *                      {@code 2GB} (default) or {@code 512MB}; beyond it DuckDB spills to disk. DuckDB's own
     *                      default, 80 % of RAM, would leave the Java heap and XGBoost no room. Ignored on SQLite
     */
    public record Model(String algorithm, Long seed, Integer firstTestYear, Integer lastTestYear, String scoreMonth,
            List<String> targets, Double negativeRate, String trainFrom, Integer trees, Integer depth,
            Double learningRate, Integer threads, SelectionConfig selection, String duckdbMemoryLimit) {
        /** DuckDB's memory limit when the config names none. */
        public static final String DEFAULT_DUCKDB_MEMORY_LIMIT = "2GB";

        @JsonCreator
        public Model {
            selection = selection == null ? SelectionConfig.defaults() : selection;
            duckdbMemoryLimit = duckdbMemoryLimit == null ? DEFAULT_DUCKDB_MEMORY_LIMIT : duckdbMemoryLimit.strip();
            targets = targets == null || targets.isEmpty() ? List.of("any_break") : List.copyOf(targets);
            algorithm = algorithm == null ? "xgboost" : algorithm;
            seed = seed == null ? 42L : seed;
            scoreMonth = scoreMonth == null ? "latest" : scoreMonth;
        }

        /** Default sampling, training window and learner knobs. */
        public Model(String algorithm, Long seed, Integer firstTestYear, Integer lastTestYear, String scoreMonth,
                List<String> targets) {
            this(algorithm, seed, firstTestYear, lastTestYear, scoreMonth, targets, null, null, null, null, null, null);
        }

        /** The default selection ({@link SelectionConfig#defaults()}). */
        public Model(String algorithm, Long seed, Integer firstTestYear, Integer lastTestYear, String scoreMonth,
                List<String> targets, Double negativeRate, String trainFrom, Integer trees, Integer depth,
                Double learningRate, Integer threads) {
            this(algorithm, seed, firstTestYear, lastTestYear, scoreMonth, targets, negativeRate, trainFrom, trees,
                    depth, learningRate, threads, null);
        }

        /** The default DuckDB memory limit. */
        public Model(String algorithm, Long seed, Integer firstTestYear, Integer lastTestYear, String scoreMonth,
                List<String> targets, Double negativeRate, String trainFrom, Integer trees, Integer depth,
                Double learningRate, Integer threads, SelectionConfig selection) {
            this(algorithm, seed, firstTestYear, lastTestYear, scoreMonth, targets, negativeRate, trainFrom, trees,
                    depth, learningRate, threads, selection, null);
        }

        /** {@link #trainFrom()} as a month ({@code YYYY} is its January), or null. */
        public YearMonth trainFromMonth() {
            if (trainFrom == null) {
                return null;
            }
            return trainFrom.length() == 4 ? YearMonth.of(Integer.parseInt(trainFrom), 1) : YearMonth.parse(trainFrom);
        }
    }

    /** Outputs: the HTML report file, the Power BI folder, and the model artifact folder (default: beside the database). */
    public record Outputs(String report, String powerbi, String models) {
    }

    private static final Pattern GRAIN = Pattern.compile("pipe|area|grid:[1-9][0-9]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern MONTH = Pattern.compile("latest|[12][0-9]{3}-(0[1-9]|1[0-2])");
    private static final Pattern YEAR_MONTH = Pattern.compile("[12][0-9]{3}-(0[1-9]|1[0-2])");
    private static final Pattern MEMORY = Pattern.compile("(?i)[0-9]{1,7}(\\.[0-9]{1,3})? ?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)");
    private static final Pattern YEAR_OR_MONTH = Pattern.compile("[12][0-9]{3}(-(0[1-9]|1[0-2]))?");
    private static final List<String> ALGORITHMS = List.of("xgboost", "logistic", "java_gbm");
    private static final List<String> TARGETS = List.of("any_break", "break_count");

    @JsonCreator
    public PipelineConfig {
        features = features == null ? new Features(null, null, null, null) : features;
        model = model == null ? new Model(null, null, null, null, null, null) : model;
        outputs = outputs == null ? new Outputs(null, null, null) : outputs;
        title = title == null || title.isBlank() ? defaultTitle(features.name()) : title.strip();
        forecast = forecast == null ? new ForecastSettings(null, null, null, null, null) : forecast;
        forecast = forecast.climateSeries() == null ? forecast.withClimateSeries(features.climateSeries()) : forecast;
    }

    /** A config with the default forecast stage. */
    public PipelineConfig(String database, Sources sources, Features features, Model model, Outputs outputs,
            String title) {
        this(database, sources, features, model, outputs, title, null);
    }

    /** A config whose report title derives from the feature-set name. */
    public PipelineConfig(String database, Sources sources, Features features, Model model, Outputs outputs) {
        this(database, sources, features, model, outputs, null);
    }

    /** "Toronto neighbourhoods: water main breaks and risk" for the feature set {@code toronto-neighbourhoods}. */
    static String defaultTitle(String featureSetName) {
        String words = featureSetName == null ? "" : featureSetName.replaceAll("[-_.:]+", " ").strip();
        if (words.isEmpty()) {
            return "Water main breaks and risk";
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ": water main breaks and risk";
    }

    /**
     * Reads a YAML (or JSON) config; relative paths in it resolve against the file's folder. Every problem is named
     * by the file and the key ({@code pipeline.yaml: features.to: ...}); an unknown key lists the keys expected there.
     */
    public static PipelineConfig read(Path file) {
        return ConfigYaml.read(file).resolvedAgainst(file.toAbsolutePath().getParent()).validated(file.toString());
    }

    /** The same config with every relative file path resolved against {@code folder}. */
    public PipelineConfig resolvedAgainst(Path folder) {
        Sources s = sources == null ? null : new Sources(resolve(folder, sources.areas()),
                sources.breaks().stream().map(x -> resolve(folder, x)).toList(),
                sources.climate().stream().map(x -> resolve(folder, x)).toList(),
                resolve(folder, sources.soil()), resolve(folder, sources.pipes()));
        return new PipelineConfig(resolveDatabase(folder, database), s, features, model,
                new Outputs(resolve(folder, outputs.report()), resolve(folder, outputs.powerbi()),
                        resolve(folder, outputs.models())), title, forecast);
    }

    /** The same config on another database (a location string). */
    public PipelineConfig withDatabase(String location) {
        return new PipelineConfig(location, sources, features, model, outputs, title, forecast);
    }

    /** The same config writing its database and outputs into {@code folder} (what {@code breakwater demo --out} does). */
    public PipelineConfig withOutputFolder(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        return new PipelineConfig(dir.resolve("breakwater.duckdb").toString(), sources, features, model,
                new Outputs(dir.resolve("report.html").toString(), dir.resolve("powerbi").toString(),
                        dir.resolve("models").toString()), title, forecast);
    }

    /** Checks every key; throws one {@link BreakwaterException} naming each problem, or returns this config. */
    public PipelineConfig validate() {
        return validated("pipeline config");
    }

    private PipelineConfig validated(String what) {
        List<String> problems = new ArrayList<>();
        if (database == null || database.isBlank()) {
            problems.add("database: missing (a DuckDB file such as out/breakwater.duckdb, or a .sqlite file)");
        } else {
            try {
                StoreLocation location = StoreLocation.parse(database);
                if (location.kind() == StoreLocation.Kind.REMOTE_LIBSQL) {
                    problems.add("database: " + database + " is remote; run on a local file and use 'db publish'");
                }
            } catch (BreakwaterException e) {
                problems.add("database: " + e.getMessage());
            }
        }
        if (sources == null || sources.breaks().isEmpty()) {
            problems.add("sources.breaks: at least one break source (mapping and file) is required");
        } else {
            check(problems, "sources.areas", sources.areas());
            for (int i = 0; i < sources.breaks().size(); i++) {
                check(problems, "sources.breaks[" + i + "]", sources.breaks().get(i));
            }
            for (int i = 0; i < sources.climate().size(); i++) {
                check(problems, "sources.climate[" + i + "]", sources.climate().get(i));
            }
            check(problems, "sources.soil", sources.soil());
            check(problems, "sources.pipes", sources.pipes());
            if (features.grain().equals("pipe") && sources.pipes() == null) {
                problems.add("features.grain: 'pipe' needs sources.pipes (a pipe inventory)");
            }
            if (sources.soil() != null && sources.areas() == null && isSoilTableKeyedByArea(sources.soil())) {
                problems.add("sources.soil: a soil table keyed by area (format csv) needs sources.areas, whose codes "
                        + "it names");
            }
            if (features.grain().equals("area") && sources.areas() == null) {
                problems.add("features.grain: 'area' needs sources.areas (area polygons)");
            }
        }
        if (!GRAIN.matcher(features.grain()).matches()) {
            problems.add("features.grain: '" + features.grain() + "' is not one of pipe, area, grid:SIZE (metres)");
        }
        if (!List.of(1, 3, 12).contains(features.horizon())) {
            problems.add("features.horizon: " + features.horizon() + " is not one of 1, 3, 12 (months)");
        }
        if (!List.of("month", "year").contains(features.period())) {
            problems.add("features.period: '" + features.period() + "' is not one of month, year");
        } else if (features.period().equals("year") && features.horizon() != 12) {
            problems.add("features.period: yearly snapshots take horizon 12 (label = breaks in the next 12 months), "
                    + "not " + features.horizon() + "; set period: month for a shorter horizon");
        }
        for (String attribute : features.attributes()) {
            if (attribute == null || !ATTRIBUTE.matcher(attribute).matches()) {
                problems.add("features.attributes: '" + attribute + "' is not an attribute name (letters, digits, '_'"
                        + " as declared under a source mapping's extra:)");
            }
        }
        if (!ALGORITHMS.contains(model.algorithm())) {
            problems.add("model.algorithm: '" + model.algorithm() + "' is not one of " + String.join(", ", ALGORITHMS));
        }
        for (String target : model.targets()) {
            if (!TARGETS.contains(target)) {
                problems.add("model.targets: '" + target + "' is not one of " + String.join(", ", TARGETS));
            }
        }
        if (model.algorithm().equals("logistic") && model.targets().contains("break_count")) {
            problems.add("model.targets: break_count needs algorithm xgboost or java_gbm (logistic predicts a "
                    + "probability only)");
        }
        if (!MONTH.matcher(model.scoreMonth()).matches()) {
            problems.add("model.scoreMonth: '" + model.scoreMonth() + "' is not YYYY-MM or 'latest'");
        }
        if (model.firstTestYear() != null && model.lastTestYear() != null
                && model.firstTestYear() > model.lastTestYear()) {
            problems.add("model.firstTestYear: " + model.firstTestYear() + " is after model.lastTestYear "
                    + model.lastTestYear());
        }
        checkWindow(problems);
        checkTraining(problems);
        forecast.check(problems);
        problems.addAll(model.selection().problems(model.algorithm()));
        if (!problems.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, what + ": " + String.join("; ", problems));
        }
        return this;
    }

    private void checkWindow(List<String> problems) {
        boolean fromOk = checkMonth(problems, "features.from", features.from());
        boolean toOk = checkMonth(problems, "features.to", features.to());
        if (fromOk && toOk && features.from() != null && features.to() != null
                && features.fromMonth().isAfter(features.toMonth())) {
            problems.add("features.from: " + features.from() + " is after features.to " + features.to());
        }
        if (toOk && features.to() != null && !model.scoreMonth().equals("latest")
                && MONTH.matcher(model.scoreMonth()).matches()
                && YearMonth.parse(model.scoreMonth()).isAfter(features.toMonth())) {
            problems.add("model.scoreMonth: " + model.scoreMonth() + " is after features.to " + features.to()
                    + ": the panel has no rows after its data window");
        }
        if (fromOk && features.from() != null && !model.scoreMonth().equals("latest")
                && MONTH.matcher(model.scoreMonth()).matches()
                && YearMonth.parse(model.scoreMonth()).isBefore(features.fromMonth())) {
            problems.add("model.scoreMonth: " + model.scoreMonth() + " is before features.from " + features.from());
        }
    }

    private static boolean checkMonth(List<String> problems, String key, String value) {
        if (value != null && !YEAR_MONTH.matcher(value).matches()) {
            problems.add(key + ": '" + value + "' is not a month YYYY-MM (e.g. 2016-12)");
            return false;
        }
        return true;
    }

    private void checkTraining(List<String> problems) {
        Double rate = model.negativeRate();
        if (rate != null && !(rate > 0 && rate <= 1)) {
            problems.add("model.negativeRate: " + rate + " is not a share in (0, 1] (omit it for automatic sampling)");
        }
        if (model.trainFrom() != null) {
            if (!YEAR_OR_MONTH.matcher(model.trainFrom()).matches()) {
                problems.add("model.trainFrom: '" + model.trainFrom() + "' is not a year YYYY or a month YYYY-MM");
            } else if (features.from() != null && YEAR_MONTH.matcher(features.from()).matches()
                    && model.trainFromMonth().isBefore(features.fromMonth())) {
                problems.add("model.trainFrom: " + model.trainFrom() + " is before features.from " + features.from()
                        + ": the panel starts there");
            }
        }
        if (model.trees() != null && !(model.trees() >= 1 && model.trees() <= 10_000)) {
            problems.add("model.trees: " + model.trees() + " is not in 1..10000");
        }
        if (model.depth() != null && !(model.depth() >= 1 && model.depth() <= 16)) {
            problems.add("model.depth: " + model.depth() + " is not in 1..16");
        }
        if (model.learningRate() != null && !(model.learningRate() > 0 && model.learningRate() <= 1)) {
            problems.add("model.learningRate: " + model.learningRate() + " is not in (0, 1]");
        }
        if (model.threads() != null && !(model.threads() >= 1 && model.threads() <= 1024)) {
            problems.add("model.threads: " + model.threads() + " is not in 1..1024");
        }
        if (!MEMORY.matcher(model.duckdbMemoryLimit()).matches()) {
            problems.add("model.duckdbMemoryLimit: '" + model.duckdbMemoryLimit() + "' is not a size such as 2GB or "
                    + "512MB");
        }
    }

    private static void check(List<String> problems, String key, Source source) {
        if (source == null) {
            return;
        }
        if (source.mapping() == null) {
            problems.add(key + ".mapping: missing");
        } else if (!Files.isRegularFile(Path.of(source.mapping()))) {
            problems.add(key + ".mapping: no such file " + source.mapping());
        }
        if (source.file() == null) {
            problems.add(key + ".file: missing");
        } else if (!Files.exists(Path.of(source.file()))) {
            problems.add(key + ".file: no such file or folder " + source.file());
        }
    }

    /** The soil mapping is a CSV table keyed by area (its own problems are reported when it is ingested). */
    private static boolean isSoilTableKeyedByArea(Source soil) {
        if (soil.mapping() == null || !Files.isRegularFile(Path.of(soil.mapping()))) {
            return false;
        }
        try {
            io.breakwater.etl.SourceMapping m = io.breakwater.etl.SourceMapping.read(Path.of(soil.mapping())).mapping();
            return "soil".equals(m.kind()) && m.format() != null && m.format().isCsv();
        } catch (BreakwaterException e) {
            return false;
        }
    }

    private static Source resolve(Path folder, Source source) {
        return source == null ? null : new Source(resolve(folder, source.mapping()), resolve(folder, source.file()));
    }

    private static String resolve(Path folder, String path) {
        return path == null ? null : folder.resolve(path).normalize().toString();
    }

    private static String resolveDatabase(Path folder, String database) {
        if (database == null) {
            return null;
        }
        StoreLocation location;
        try {
            location = StoreLocation.parse(database);
        } catch (BreakwaterException e) {
            return database; // validation names it under its key
        }
        if (location.path() == null || Path.of(database).isAbsolute()) {
            return database;
        }
        String prefix = database.contains(":") ? database.substring(0, database.indexOf(':') + 1) : "";
        return prefix + folder.resolve(database.substring(prefix.length())).normalize();
    }

    @Override
    public String toString() {
        return "PipelineConfig[database=" + database + ", title=" + title + ", grain=" + features.grain()
                + ", horizon=" + features.horizon() + ", window=" + (features.from() == null ? "start" : features.from())
                + ".." + (features.to() == null ? "end" : features.to()) + ", algorithm=" + model.algorithm() + "]";
    }
}
