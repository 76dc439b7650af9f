package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTests {
    @TempDir
    Path dir;

    @Test
    void evaluateTrainListShowAndScoreAsAUserWould() throws Exception {
        String db = CliRun.simulatedStore(dir.resolve("bw.duckdb"), 250, 7, 5L);
        CliRun.Outcome eval = CliRun.evaluateSimulated(db, "--test-years", "2009-2010",
                "--trees", "30", "--depth", "3", "--no-progress").succeeded();
        assertThat(eval.out()).contains("test year 2009").contains("test year 2010").contains("pooled over 2009-2010")
                .containsPattern("metric\\s+model\\s+age\\s+prior_breaks\\s+prior_breaks_per_km\\s+trailing_breaks_12m\\s+"
                        + "trailing_breaks_12m_per_km\\s+rate_table\\s+random")
                .containsPattern("the model is (ahead of|behind|level with) the strongest baseline")
                .containsPattern("roc_auc\\s+0\\.\\d{4}\\s+0\\.\\d{4}")
                .contains("break_share_top_10pct_length");

        CliRun.Outcome train = CliRun.run("model", "train", "--db", db, "--feature-set", "sim@1",
                "--trees", "30", "--depth", "3", "--no-progress").succeeded();
        Matcher id = Pattern.compile("model\\s+(xgboost-anybreak-\\d{6}-[0-9a-f]{10})").matcher(train.out());
        assertThat(id.find()).as(train.out()).isTrue();
        String modelId = id.group(1);
        assertThat(train.out()).contains("cut-off          2011-01").contains("global feature importance");

        CliRun.Outcome list = CliRun.run("model", "list", "--db", db);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().filter(l -> l.startsWith("xgboost-")).count()).isEqualTo(3);

        CliRun.Outcome show = CliRun.run("model", "show", "--db", db, modelId).succeeded();
        assertThat(show.out()).contains(modelId).contains("metrics, validation").contains("sha256");

        CliRun.Outcome score = CliRun.run("score", "--db", db, "--month", "2010-12", "--no-progress").succeeded();
        assertThat(score.out()).contains("250 assets scored for 2010-12 with model " + modelId)
                .containsPattern("very_high\\s+2");

        Path artifact = dir.resolve("models").resolve(modelId + ".bwmodel");
        Files.write(artifact, new byte[] {0}, StandardOpenOption.APPEND);
        CliRun.Outcome refused = CliRun.run("score", "--db", db, "--month", "2010-12", "--model",
                modelId, "--no-progress");
        assertThat(refused.exitCode()).isEqualTo(10);
        assertThat(refused.err().strip()).startsWith("breakwater: model " + modelId).contains("refusing to score")
                .doesNotContain("\n");
    }

    @Test
    void badMonthsAndUnknownModelsAreUsageErrors() throws Exception {
        String db = dir.resolve("bw.duckdb").toString();
        CliRun.run("db", "migrate", "--db", db);
        CliRun.Outcome month = CliRun.run("score", "--db", db, "--month", "2010-13");
        assertThat(month.exitCode()).isEqualTo(2);
        assertThat(month.err()).contains("--month '2010-13' is not a month: expected YYYY-MM");
        CliRun.Outcome show = CliRun.run("model", "show", "--db", db, "nope");
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.err()).contains("model 'nope' is not in the registry").contains("which holds no model (see 'breakwater model list')");
        CliRun.Outcome fs = CliRun.run("model", "train", "--db", db, "--feature-set", "x@1");
        assertThat(fs.exitCode()).isEqualTo(2);
        assertThat(fs.err()).contains("feature set 'x@1' is not in");
    }
}
