package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BiCommandTests {
    @TempDir
    Path dir;

    private String demoStore(String file) {
        Path path = dir.resolve(file);
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.parse(path.toString()))) {
            DemoFixture.fill(store, 9);
        }
        return path.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo.duckdb", "demo.sqlite"})
    void refreshExportAndReportFromTheCommandLine(String file) throws Exception {
        String db = demoStore(file);

        Outcome refresh = CliRun.run("bi", "refresh", "--db", db, "--no-progress").succeeded();
        assertThat(refresh.out()).containsPattern("BI refresh: \\d+ tables rebuilt, dim_date 2014..2017, [\\d,]+ breaks, 0 empty");

        Path out = dir.resolve("powerbi");
        Outcome export = CliRun.run("export", "powerbi", "--out", out.toString(), "--db", db, "--no-progress",
                "--title", "Demo water mains", "--powerbi-folder", "\\\\fileserver\\bi\\breakwater").succeeded();
        assertThat(export.out()).contains("Power BI export: 23 parquet files").containsPattern("dim_date\\s+[\\d,]+ rows");
        assertThat(out.resolve("fct_break.parquet")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("breakwater.pbids"))).contains("\\\\\\\\fileserver\\\\bi");
        assertThat(export.out()).contains("Open " + out.resolve("Breakwater.pbip").toAbsolutePath());
        assertThat(Files.readString(out.resolve("Breakwater.SemanticModel/definition/expressions.tmdl")))
                .contains("\"\\\\fileserver\\bi\\breakwater\"");
        assertThat(Files.readString(out.resolve("README.md"))).startsWith("# Demo water mains: star schema for Power BI")
                .contains("## Sources and attribution");

        Path html = dir.resolve("report.html");
        Outcome report = CliRun.run("report", "--out", html.toString(), "--db", db, "--no-progress",
                "--title", "Demo report").succeeded();
        assertThat(report.out()).contains("Report: " + html).contains("18 charts with data").contains("12 areas on the map");   // 13 + 5 of the forecast section
        assertThat(Files.readString(html)).contains("<title>Demo report</title>").contains("id=\"map-breaks\"");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        String db = dir.resolve("empty.duckdb").toString();
        Outcome outcome = CliRun.run("export", "powerbi", "--out", dir.resolve("x").toString(),
                "--format", "xlsx", "--db", db);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("unknown format 'xlsx', expected parquet or csv");
    }

    @Test
    void aReportIntoAMissingFolderIsRefusedWithItsName() {
        Path target = dir.resolve("nope/report.html");
        Outcome outcome = CliRun.run("report", "--out", target.toString(), "--db",
                dir.resolve("empty.duckdb").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("breakwater: cannot write report " + target + ": folder "
                + target.getParent() + " does not exist");
    }

    @Test
    void anEmptyStoreStillGivesAReportThatSaysWhatIsMissing() throws Exception {
        Path html = dir.resolve("empty.html");
        assertThat(CliRun.run("db", "migrate", "--db", dir.resolve("empty.duckdb").toString()).exitCode()).isZero();
        Outcome outcome = CliRun.run("report", "--out", html.toString(), "--db",
                dir.resolve("empty.duckdb").toString(), "--no-progress").succeeded();
        assertThat(outcome.out()).contains("0 charts with data and 13 without");
        assertThat(Files.readString(html)).contains("No model has been trained yet.")
                .contains("No data: no area geometry");
    }
}
