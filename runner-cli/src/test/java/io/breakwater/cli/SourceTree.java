package io.breakwater.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shared fixture of the tests that read the code itself (library messages, import circles, the module diagram). */
final class SourceTree {
    /** The checkout's root folder. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** An import of a Breakwater class or member; group 1 is what it names. */
    static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(io\\.breakwater\\.[\\w.]+)",
            Pattern.MULTILINE);

    private SourceTree() {
    }

    /** Every .java file below {@code folder} with its text, in a stable order. */
    static Map<Path, String> javaFiles(Path folder) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files.put(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
