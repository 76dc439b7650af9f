package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --out} naming a file is a configuration error (exit 2) with a reason, not an internal error. */
class DemoOutTests {
    @TempDir
    Path dir;

    @Test
    void anOutputFolderThatIsAFileIsRefusedWithExit2() throws Exception {
        Path file = Files.writeString(dir.resolve("demo-out"), "a file");
        CliRun.Outcome outcome = CliRun.run("demo", "--out", file.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("breakwater: --out " + file + " is a file; expected a folder for the "
                + "demo's database, report and Power BI files (or a path that does not exist yet)");
        assertThat(Files.readString(file)).isEqualTo("a file");
    }
}
