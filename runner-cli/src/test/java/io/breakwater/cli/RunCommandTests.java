package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTests {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BreakwaterCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void anInvalidConfigIsRefusedBeforeAnythingRunsNamingEachKey() throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                database: out/bw.duckdb
                sources:
                  breaks: [ { mapping: missing-mapping.yaml, file: breaks.csv } ]
                features: { grain: hexagon, horizon: 5 }
                """);
        String[] outcome = run("run", config.toString());
        assertThat(outcome[0]).isEqualTo("2");
        assertThat(outcome[2]).contains("sources.breaks[0].mapping: no such file")
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
        String[] outcome = run("run", config.toString());
        assertThat(outcome[0]).isEqualTo("2");
        assertThat(outcome[2]).contains(config + ": features.tu: unknown key; expected one of attributes, from, grain, horizon, "
                + "name, period, to, version").doesNotContain("Unrecognized").doesNotContain("PipelineConfig$");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void stagesOutOfOrderAreAUsageError() throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(dir.resolve("m.yaml"), "source: x\n");
        Files.writeString(dir.resolve("b.csv"), "x\n");
        Files.writeString(config, "database: bw.duckdb\nsources:\n  breaks: [ { mapping: m.yaml, file: b.csv } ]\n"
                + "features: { grain: grid:500 }\n");
        String[] outcome = run("run", config.toString(), "--from", "bi", "--to", "ingest");
        assertThat(outcome[0]).isEqualTo("2");
        assertThat(outcome[2]).contains("--from bi comes after --to ingest");
        String[] unknown = run("run", config.toString(), "--from", "train");
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[2]).contains("unknown stage 'train': expected one of ingest, features, model, score, forecast, bi");
    }

    @Test
    void demoRefusesAFolderWithoutTheSampleData() {
        String[] outcome = run("demo", "--data", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(outcome[0]).isEqualTo("2");
        assertThat(outcome[2]).contains("no demo pipeline at " + dir.resolve("pipeline.yaml"));
    }
}
