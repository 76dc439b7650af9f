package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library words speak the domain (issue 20, item 3): no string literal in a library module's main code names a
 * {@code breakwater} command or a command-line flag; the CLI adds those hints to the messages it prints.
 */
class LibraryMessagesTests {
    static final Path ROOT = SourceTree.ROOT;

    /** A string literal naming a CLI command ('breakwater ...', breakwater COMMAND) or a flag (--name). */
    private static final Pattern CLI_WORDS = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*(?:'breakwater\\s|breakwater "
            + "(?:db|ingest|model|score|bi|export|report|run|demo|synth|features|bench)\\b|(?<![-\\w])--[a-z][a-z-]+)"
            + "(?:[^\"\\\\\\n]|\\\\.)*\"");

    /**
     * Literals that are not messages (text written into generated files), and the messages the
     * lead rewords with issue 16 (etl-core). File name to the number of literals allowed in it.
     */
    private static final Map<String, Integer> ALLOWED = Map.of(
            "FolderExporter.java", 1,   // the exported README says which command wrote it
            "SpatialLayers.java", 2,    // the comment line of a generated mapping file
            "Manifest.java", 1);        // the generator field of a synthetic city's truth file

    private static final Set<String> RUNNERS = Set.of("runner-cli", "runner-examples", "bench");  // bench: the CLI's benchmarks

    @Test
    void noLibraryMessageNamesACommandOrAFlag() throws IOException {
        List<String> found = new ArrayList<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
                Path main = module.resolve("src/main/java");
                if (RUNNERS.contains(module.getFileName().toString()) || !Files.isDirectory(main)) {
                    continue;
                }
                for (Map.Entry<Path, String> file : SourceTree.javaFiles(main).entrySet()) {
                    Matcher m = CLI_WORDS.matcher(file.getValue());
                    while (m.find()) {
                        String name = file.getKey().getFileName().toString();
                        counts.merge(name, 1, Integer::sum);
                        if (counts.get(name) > ALLOWED.getOrDefault(name, 0)) {
                            found.add(ROOT.relativize(file.getKey()) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).as("library messages naming CLI commands or flags").isEmpty();
        assertThat(counts).as("the scan sees the allowed literals, so it can fail")
                .containsKeys("FolderExporter.java", "SpatialLayers.java");
    }
}
