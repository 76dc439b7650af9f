package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTests {
    @TempDir
    Path dir;

    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BreakwaterCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void writesACityAndSaysWhatItWrote() throws Exception {
        Path city = dir.resolve("city");
        Outcome o = run("synth", "--pipes", "300", "--years", "2", "--seed", "9", "--out", city.toString(), "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("synthetic city written to " + city)
                .contains("300 pipes").contains("2023-2024")
                .containsPattern("breaks drawn \\(\\d+\\.\\d per 100 km per year\\)")
                .contains("WATERMAIN_BREAKS_EXPORT.csv").contains("truth/breaks.csv.gz").contains("eccc-daily-6150001/ (2 files)");
        assertThat(city.resolve("city.json")).exists();
        assertThat(Files.readString(city.resolve("city.json"))).contains("\"seed\" : 9").contains("\"pipes\" : 300");
        assertThat(city.resolve("pipes.geojson")).exists();
        assertThat(city.resolve("breaks-mapping.yaml")).exists();
    }

    @Test
    void aBadSettingIsExitCode2WithOneLine() {
        Outcome o = run("synth", "--pipes", "2", "--out", dir.toString(), "--quiet");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("breakwater: synthetic city: pipes = 2, expected 4 to 5000000");
        Outcome share = run("synth", "--asset-id-share", "1.5", "--out", dir.toString(), "--quiet");
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("assetIdShare = 1.5");
    }

    @Test
    void theOutputFolderIsRequired() {
        Outcome o = run("synth", "--pipes", "100");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("Missing required option: '--out=DIR'");
    }
}
