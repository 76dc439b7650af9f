package io.breakwater.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixture of the config tests: a folder with stub source files, and a pipeline.yaml read from it. */
final class ConfigFolder {
    private ConfigFolder() {
    }

    /** Writes the stub mappings and files the configs name (breaks, areas, pipes). */
    static void writeSources(Path dir) throws IOException {
        Files.writeString(dir.resolve("breaks-mapping.yaml"), "source: x\n");
        Files.writeString(dir.resolve("breaks.csv"), "BREAK_DATE\n");
        Files.writeString(dir.resolve("areas-mapping.yaml"), "source: a\n");
        Files.writeString(dir.resolve("areas.geojson"), "{}");
        Files.writeString(dir.resolve("pipes-mapping.yaml"), "source: p\n");
        Files.writeString(dir.resolve("pipes.geojson"), "{}");
    }

    /** DIR/pipeline.yaml holding {@code yaml}, read. */
    static PipelineConfig read(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return PipelineConfig.read(file);
    }
}
