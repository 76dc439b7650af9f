package io.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No library jar ships a benchmark or a data generator: those live in this module ({@code breakwater-bench}) and in
 * {@code synth}, the one generator library, which no library or {@code pipeline} depends on outside tests. The
 * libraries are every module of the root pom but these two, the CLI and the examples.
 */
class LibraryJarsTests {
    static final Path ROOT = Path.of("..");
    /** Not libraries: the benchmarks, the generator library, the runner and the examples. */
    static final Set<String> NOT_LIBRARIES = Set.of("bench", "synth", "runner-cli", "runner-examples");
    static final Pattern TYPE = Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Z]\\w*)");
    static final Pattern FORBIDDEN = Pattern.compile(".*(?:Bench|Benchmark).*|Synthetic.*|Simulated.*|.*Generator");

    @Test
    void noLibraryModuleHasABenchmarkOrGeneratorClass() throws IOException {
        List<String> libraries = libraries();
        assertThat(libraries).contains("db-contracts", "etl-core", "features-core", "ml-core", "pipeline");
        List<String> found = new ArrayList<>();
        for (String module : libraries) {
            found.addAll(offenders(ROOT.resolve(module).resolve("src/main/java")));
        }
        assertThat(found).as("benchmark or generator classes in library jars (move them to bench or synth)").isEmpty();
    }

    @Test
    void noLibraryDependsOnTheGeneratorLibraryOutsideTests() throws IOException {
        Pattern synth = Pattern.compile("<dependency>(?:(?!</dependency>).)*<artifactId>(?:breakwater-)?synth"
                + "</artifactId>((?:(?!</dependency>).)*)</dependency>", Pattern.DOTALL);
        for (String module : libraries()) {
            Matcher m = synth.matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
            while (m.find()) {
                assertThat(m.group(1)).as(module + "/pom.xml depends on synth").contains("<scope>test</scope>");
            }
        }
    }

    @Test
    void theCheckFindsABenchmarkAGeneratorAndABenchPackage(@TempDir Path dir) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("io/breakwater/x"));
        Files.writeString(pkg.resolve("Scores.java"), "package io.breakwater.x;\npublic final class Scores {\n"
                + "    record ScoreBenchmark(long rows) {}\n}\n");
        Files.writeString(pkg.resolve("CityGenerator.java"), "package io.breakwater.x;\nfinal class CityGenerator {}\n");
        Path bench = Files.createDirectories(dir.resolve("io/breakwater/x/bench"));
        Files.writeString(bench.resolve("Runner.java"), "package io.breakwater.x.bench;\nclass Runner {}\n");
        Files.writeString(pkg.resolve("Panel.java"), "package io.breakwater.x;\n/** Not a class named like one. */\n"
                + "final class Panel {}\n");
        assertThat(offenders(dir)).containsExactlyInAnyOrder("io/breakwater/x/Scores.java: ScoreBenchmark",
                "io/breakwater/x/CityGenerator.java: CityGenerator", "io/breakwater/x/bench/Runner.java: package bench");
    }

    /** The root pom's modules that are libraries. */
    static List<String> libraries() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            if (!NOT_LIBRARIES.contains(m.group(1)) && Files.isDirectory(ROOT.resolve(m.group(1)).resolve("src/main"))) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }

    /** "file: TypeName" for every type named like a benchmark or generator, and "file: package bench". */
    static List<String> offenders(Path sources) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(sources)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = sources.relativize(file).toString().replace('\\', '/');
                if (relative.matches("(?:.*/)?bench/[^/]+")) {
                    found.add(relative + ": package bench");
                }
                Matcher m = TYPE.matcher(Files.readString(file));
                while (m.find()) {
                    if (FORBIDDEN.matcher(m.group(1)).matches()) {
                        found.add(relative + ": " + m.group(1));
                    }
                }
            }
        }
        return found;
    }
}
