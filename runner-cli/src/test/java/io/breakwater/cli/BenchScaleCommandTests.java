package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchScaleCommandTests {
    @TempDir
    Path dir;

    @Test
    void aSmallScaleRunTimesEveryStageAndSaysHowTheModelFaredAgainstTheStrongestBaseline() {
        Outcome outcome = CliRun.run("bench", "scale", "--pipes", "400", "--years", "12", "--dir",
                dir.resolve("scale").toString(), "--no-progress").succeeded();
        assertThat(outcome.out()).contains("bench scale: 400 pipes x 12 years")
                .containsPattern("(?m)^  city +[\\d.]+ s$").containsPattern("(?m)^  ingest +[\\d.]+ s$")
                .containsPattern("(?m)^  features +[\\d.]+ s$").containsPattern("(?m)^  model +[\\d.]+ s$")
                .containsPattern("(?m)^  score +[\\d.]+ s$")
                .containsPattern("(?m)^back-test: the model is (ahead of|behind|level with) the strongest baseline "
                        + "[a-z_0-9]+ on break_share_top_5pct_length: [\\d.]+ against [\\d.]+ as a mean of 5 years")
                .containsPattern("peak resident [\\d,]+ MB \\(target at most 6,144 MB\\)");
    }
}
