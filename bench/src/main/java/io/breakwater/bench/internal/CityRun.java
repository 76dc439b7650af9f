package io.breakwater.bench.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.CityResult;
import io.breakwater.synth.SyntheticCity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic city written for a benchmark, with the pipeline config that runs it: every source of the city, pipe
 * grain, 12-month horizon, no forecast, models beside the database. Settings given as {@code section.key=value}
 * (e.g. {@code model.negativeRate=0.05}) are added to or replace the config's keys, so a benchmark can try any
 * setting the pipeline config knows.
 *
 * @param city    what was written
 * @param config  the pipeline config file ({@code pipeline.yaml} in the benchmark's folder)
 * @param written time to write the city's files
 */
public record CityRun(CityResult city, Path config, Duration written) {

    /** Writes a city of {@code pipes} pipes over {@code years} years ending in 2024 into {@code dir/city}. */
    public static CityRun write(Path dir, int pipes, int years, long seed, String database, List<String> settings,
            ProgressListener progress) {
        long t0 = System.nanoTime();
        CityResult city = SyntheticCity.builder().pipes(pipes).years(years).seed(seed).fullTruthLimit(0).build()
                .writeTo(dir.resolve("city"), progress);
        Duration written = Duration.ofNanos(System.nanoTime() - t0);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("database", database);
        CityFiles f = city.files();
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("areas", source(f.areasMapping(), f.areasGeoJson()));
        sources.put("soil", source(f.soilMapping(), f.soilGeoJson()));
        sources.put("pipes", source(f.pipesMapping(), f.pipesGeoJson()));
        sources.put("climate", List.of(source(f.ecccMapping(), f.ecccDirectory())));
        sources.put("breaks", List.of(source(f.breaksMapping(), f.breaksCsv())));
        root.put("sources", sources);
        root.put("features", new LinkedHashMap<>(Map.of("grain", "pipe", "horizon", 12, "name", "bench", "version", "1")));
        root.put("model", new LinkedHashMap<>(Map.of("seed", seed)));
        root.put("forecast", new LinkedHashMap<>(Map.of("enabled", false)));
        root.put("outputs", new LinkedHashMap<>(Map.of("models", dir.resolve("models").toString())));
        for (String setting : settings) {
            put(root, setting);
        }
        Path config = dir.resolve("pipeline.yaml");
        try {
            new ObjectMapper(new YAMLFactory()).writeValue(config.toFile(), root);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot write " + config + ": " + e.getMessage(), e);
        }
        return new CityRun(city, config, written);
    }

    private static Map<String, String> source(Path mapping, Path file) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("mapping", mapping.toString());
        s.put("file", file.toString());
        return s;
    }

    /** Adds {@code a.b.c=value} to the nested map; numbers and true/false are written as such. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> root, String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "pipeline setting '" + setting
                    + "': expected section.key=value, e.g. model.negativeRate=0.05");
        }
        String[] path = setting.substring(0, eq).trim().split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.get(path[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(path[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path[path.length - 1], value(setting.substring(eq + 1).trim()));
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e2) {
                return text;
            }
        }
    }
}
