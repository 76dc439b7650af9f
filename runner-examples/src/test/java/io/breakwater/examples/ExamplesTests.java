package io.breakwater.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program as a user would, and checks what it prints. */
class ExamplesTests {
    @TempDir
    Path dir;

    private static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @FunctionalInterface
    interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void wholePipelineRunsAndScoresEveryPipe() throws Exception {
        String out = run(() -> WholePipelineExample.main(new String[] {dir.toString()}));
        assertThat(out).contains("stages: 4, feature set example@1");
        assertThat(out).contains("top 5 pipes by risk:").containsPattern("#1 \\S+ p=[01]\\.\\d{3} \\w+")
                .containsPattern("#5 \\S+ p=[01]\\.\\d{3} \\w+");
    }

    @Test
    void oneStageIngestsTheTorontoSample() throws Exception {
        Path toronto = Path.of("..", "sample-data", "toronto");
        String out = run(() -> IngestOnlyExample.main(new String[] {toronto.toString()}));
        assertThat(out).contains("read 35465 = loaded 35465 + rejected 0");
    }

    @Test
    void aMappingBuiltInCodeLoadsTheSameAsTheMappingFile() throws Exception {
        Path toronto = Path.of("..", "sample-data", "toronto");
        String out = run(() -> MappingInCodeExample.main(new String[] {toronto.toString()}));
        // the same counts as breaks-mapping.yaml gives: every row loaded, the disagreeing coordinate pairs and
        // contradicting years flagged
        assertThat(out).contains("read 35465 = loaded 35465 + rejected 0, flagged 191");
        assertThat(out).contains("mapping toronto-breaks (built in code), sha256 ");
        // the built soil mapping reads every zone of the synthetic layer, as soil-mapping.yaml does
        assertThat(out).contains("soil zones: read 60 = loaded 60 + rejected 0");
    }
}
