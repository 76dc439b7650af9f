package io.breakwater.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 */
public record PipelineConfig(String database, Sources sources, Features features, Model model, Outputs outputs) {

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
     * @param attributes extra attributes (declared under a source mapping's {@code extra:}) to use as features
     */
    public record Features(String grain, Integer horizon, String name, String version, List<String> attributes) {
        public Features {
            grain = grain == null ? "area" : grain;
            horizon = horizon == null ? 12 : horizon;
            name = name == null ? "breakwater-default" : name;
            version = version == null ? "1" : version;
            attributes = attributes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(attributes));
        }

        public Features(String grain, Integer horizon, String name, String version) {
            this(grain, horizon, name, version, null);
        }
    }

    /**
     * Training, evaluation and scoring.
     *
     * @param algorithm     {@code xgboost} (default), {@code logistic}, {@code java_gbm} (pure Java)
     * @param seed          random seed
     * @param firstTestYear first test year of the rolling evaluation
     * @param lastTestYear  last test year
     * @param scoreMonth    month to score, {@code YYYY-MM}, or {@code latest}
     * @param targets       {@code any_break} (probability) and/or {@code break_count} (expected count)
     */
    public record Model(String algorithm, Long seed, Integer firstTestYear, Integer lastTestYear, String scoreMonth,
            List<String> targets) {
        public Model {
            targets = targets == null || targets.isEmpty() ? List.of("any_break") : List.copyOf(targets);
            algorithm = algorithm == null ? "xgboost" : algorithm;
            seed = seed == null ? 42L : seed;
            scoreMonth = scoreMonth == null ? "latest" : scoreMonth;
        }
    }

    /** Outputs: the HTML report file, the Power BI folder, and the model artifact folder (default: beside the database). */
    public record Outputs(String report, String powerbi, String models) {
    }

    private static final Pattern GRAIN = Pattern.compile("pipe|area|grid:[1-9][0-9]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern MONTH = Pattern.compile("latest|[12][0-9]{3}-(0[1-9]|1[0-2])");
    private static final List<String> ALGORITHMS = List.of("xgboost", "logistic", "java_gbm");
    private static final List<String> TARGETS = List.of("any_break", "break_count");

    public PipelineConfig {
        features = features == null ? new Features(null, null, null, null) : features;
        model = model == null ? new Model(null, null, null, null, null, null) : model;
        outputs = outputs == null ? new Outputs(null, null, null) : outputs;
    }

    /** Reads a YAML (or JSON) config; relative paths in it resolve against the file's folder. */
    public static PipelineConfig read(Path file) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PipelineConfig raw;
        try {
            raw = mapper.readValue(file.toFile(), PipelineConfig.class);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, file + ": " + (key.isEmpty() ? "" : key + ": ")
                    + e.getOriginalMessage().lines().findFirst().orElse("cannot be read"), e);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot read pipeline config " + file + ": " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, file + ": the pipeline config is empty");
        }
        return raw.resolvedAgainst(file.toAbsolutePath().getParent()).validated(file.toString());
    }

    /** The same config with every relative file path resolved against {@code folder}. */
    public PipelineConfig resolvedAgainst(Path folder) {
        Sources s = sources == null ? null : new Sources(resolve(folder, sources.areas()),
                sources.breaks().stream().map(x -> resolve(folder, x)).toList(),
                sources.climate().stream().map(x -> resolve(folder, x)).toList(),
                resolve(folder, sources.soil()), resolve(folder, sources.pipes()));
        return new PipelineConfig(resolveDatabase(folder, database), s, features, model,
                new Outputs(resolve(folder, outputs.report()), resolve(folder, outputs.powerbi()),
                        resolve(folder, outputs.models())));
    }

    /** The same config on another database (a location string). */
    public PipelineConfig withDatabase(String location) {
        return new PipelineConfig(location, sources, features, model, outputs);
    }

    /** The same config writing its database and outputs into {@code folder} (what {@code breakwater demo --out} does). */
    public PipelineConfig withOutputFolder(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        return new PipelineConfig(dir.resolve("breakwater.duckdb").toString(), sources, features, model,
                new Outputs(dir.resolve("report.html").toString(), dir.resolve("powerbi").toString(),
                        dir.resolve("models").toString()));
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
        if (!MONTH.matcher(model.scoreMonth()).matches()) {
            problems.add("model.scoreMonth: '" + model.scoreMonth() + "' is not YYYY-MM or 'latest'");
        }
        if (model.firstTestYear() != null && model.lastTestYear() != null
                && model.firstTestYear() > model.lastTestYear()) {
            problems.add("model.firstTestYear: " + model.firstTestYear() + " is after model.lastTestYear "
                    + model.lastTestYear());
        }
        if (!problems.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, what + ": " + String.join("; ", problems));
        }
        return this;
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
        StoreLocation location = StoreLocation.parse(database);
        if (location.path() == null || Path.of(database).isAbsolute()) {
            return database;
        }
        String prefix = database.contains(":") ? database.substring(0, database.indexOf(':') + 1) : "";
        return prefix + folder.resolve(database.substring(prefix.length())).normalize();
    }

    @Override
    public String toString() {
        return "PipelineConfig[database=" + database + ", grain=" + features.grain() + ", horizon="
                + features.horizon() + ", algorithm=" + model.algorithm() + "]";
    }
}
