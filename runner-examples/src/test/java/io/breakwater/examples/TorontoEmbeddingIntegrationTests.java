package io.breakwater.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedding program's view of a whole run (issue 20): the Toronto pipeline in a fresh JVM with slf4j-simple at its
 * default level (INFO) prints a handful of lines, not the libraries' chatter (no banners, no per-migration lines).
 */
class TorontoEmbeddingIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void theWholeTorontoPipelinePrintsAtMostTenLinesAtInfo() throws Exception {
        Path out = dir.resolve("out");
        Path printed = dir.resolve("printed.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                TorontoPipelineExample.class.getName(), Path.of("..", "sample-data", "toronto").toString(),
                out.toString())).redirectErrorStream(true).redirectOutput(printed.toFile()).start();
        assertThat(child.waitFor(15, TimeUnit.MINUTES)).as("the pipeline finished").isTrue();
        List<String> lines = Files.readAllLines(printed, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("exit code; printed:%n%s", String.join("\n", lines)).isZero();
        assertThat(lines).as("what the program printed").hasSizeLessThanOrEqualTo(10)
                .anyMatch(l -> l.startsWith("6 stages in "));
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("powerbi").resolve("fct_risk_score.parquet")).isNotEmptyFile();
    }
}
