package io.breakwater.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The options the {@code bench} commands share, each declared once, as picocli mixins. */
final class BenchOptions {
    private BenchOptions() {
    }

    /** {@code --set KEY=VALUE}: pipeline config settings over the defaults. */
    static final class Settings {
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A pipeline config setting, e.g. "
                + "model.threads=2 or model.selection.enabled=false (repeatable; docs/pipeline.md).")
        List<String> settings = new ArrayList<>();
    }

    /** {@code --dir}: the working folder, or a new temporary one deleted after. */
    static final class Folder {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "Working folder (default: a new temporary folder, deleted after).")
        Path dir;

        Work open() throws IOException {
            return dir == null ? new Work(Files.createTempDirectory("breakwater-bench"), true)
                    : new Work(Files.createDirectories(dir), false);
        }
    }

    /** A benchmark's working folder: the one given, or a new temporary one deleted on close. */
    record Work(Path dir, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (!temporary) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // best effort
            }
        }
    }
}
