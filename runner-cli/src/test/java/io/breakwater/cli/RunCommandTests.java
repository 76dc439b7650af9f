package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTests {
    @TempDir
    Path dir;

    @Test
    void anInvalidConfigIsRefusedBeforeAnythingRunsNamingEachKey() throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                database: out/bw.duckdb
                sources:
                  breaks: [ { mapping: missing-mapping.yaml, file: breaks.csv } ]
                features: { grain: hexagon, horizon: 5 }
                """);
        CliRun.Outcome outcome = CliRun.run("run", config.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("sources.breaks[0].mapping: no such file")
                .contains("features.grain: 'hexagon'").contains("features.horizon: 5");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownKeyIsNamedWithTheFileAndTheKeysExpectedInBreakwatersWords() throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                database: out/bw.duckdb
                features: { tu: 2016-12 }
                """);
        CliRun.Outcome outcome = CliRun.run("run", config.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(config + ": features.tu: unknown key; expected one of attributes, climateSeries, from, "
                + "grain, horizon, name, period, to, version").doesNotContain("Unrecognized").doesNotContain("PipelineConfig$");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void stagesOutOfOrderAreAUsageError() throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(dir.resolve("m.yaml"), "source: x\n");
        Files.writeString(dir.resolve("b.csv"), "x\n");
        Files.writeString(config, "database: bw.duckdb\nsources:\n  breaks: [ { mapping: m.yaml, file: b.csv } ]\n"
                + "features: { grain: grid:500 }\n");
        CliRun.Outcome outcome = CliRun.run("run", config.toString(), "--from", "bi", "--to", "ingest");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--from bi comes after --to ingest");
        CliRun.Outcome unknown = CliRun.run("run", config.toString(), "--from", "train");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown stage 'train': expected one of ingest, features, model, score, forecast, bi");
    }

    @Test
    void demoRefusesAFolderWithoutTheSampleData() {
        CliRun.Outcome outcome = CliRun.run("demo", "--data", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("no demo pipeline at " + dir.resolve("pipeline.yaml"));
    }
}
