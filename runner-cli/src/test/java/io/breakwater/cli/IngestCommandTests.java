package io.breakwater.cli;

import static io.breakwater.cli.CliRun.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTests {
    @TempDir
    Path dir;

    @Test
    void ingestAreasThenBreaksPrintsASummaryAndASecondRunSaysNothingIsNew() throws Exception {
        String db = dir.resolve("t.duckdb").toString();
        CliRun.Outcome areas = CliRun.torontoAreas(db).succeeded();
        assertThat(areas.out()).contains("areas toronto-neighbourhoods: run 1 succeeded").containsPattern("read\\s+140");

        // a 3,000-row slice of the sample keeps the test fast
        Path slice = dir.resolve("slice.csv");
        Files.write(slice, Files.readAllLines(SAMPLE.resolve("watermain_breaks_1990_2016.csv")).subList(0, 3_001));
        String[] args = {"ingest", "breaks", "--mapping", SAMPLE.resolve("breaks-mapping.yaml").toString(), "--file",
            slice.toString(), "--db", db};
        CliRun.Outcome first = CliRun.run(args).succeeded();
        assertThat(first.out()).contains("breaks toronto-breaks: run 2 succeeded")
                .containsPattern("read\\s+3,000")
                .containsPattern("loaded\\s+3,000\\s+\\(3,000 inserted, 0 updated, 0 unchanged\\)")
                .containsPattern("rejected\\s+0")
                .contains("most frequent reasons:")
                .containsPattern("near_duplicate\\s+flagged\\s+1")
                .contains("warning: freshness: the newest break");

        CliRun.Outcome second = CliRun.run(args);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("run 3 unchanged").contains("(0 inserted, 0 updated, 3,000 unchanged)")
                .contains("nothing new: same file and mapping as run 2; the store is unchanged");
    }

    @Test
    void aBadMappingExitsWith2AndAFailedQualityGateWith7() throws Exception {
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, Files.readString(SAMPLE.resolve("breaks-mapping.yaml")).replace("BREAK_YEAR", "BREAK_YR")
                .replace("year:", "yaer:"));
        CliRun.Outcome bad = CliRun.run("ingest", "breaks", "--mapping", mapping.toString(), "--file",
                SAMPLE.resolve("watermain_breaks_1990_2016.csv").toString(), "--db", dir.resolve("a.duckdb").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("breakwater: mapping " + mapping + ": yaer: unknown key 'yaer'")
                .doesNotContain("\n");

        Path noAreas = dir.resolve("no-areas.yaml");
        Files.writeString(noAreas, Files.readString(SAMPLE.resolve("breaks-mapping.yaml")).replace("areas: toronto-neighbourhoods", ""));
        Path junk = dir.resolve("junk.csv");
        Files.writeString(junk, "BREAK_DATE,BREAK_YEAR,XCOORD,YCOORD,POINT_X,POINT_Y\n" + "x,1,2,3,4,5\n".repeat(10));
        CliRun.Outcome gate = CliRun.run("ingest", "breaks", "--mapping", noAreas.toString(), "--file", junk.toString(), "--db",
                dir.resolve("b.duckdb").toString());
        assertThat(gate.exitCode()).isEqualTo(7);
        assertThat(gate.err()).contains("quality gate failed, nothing was loaded: accepted_share: 10 of 10 rows");
    }

    @Test
    void benchIngestPrintsBothRatesAndWritesJson() throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun.Outcome bench = CliRun.run("bench", "ingest", "--rows", "3000", "--out", json.toString(),
                "--dir", dir.resolve("work").toString()).succeeded();
        assertThat(bench.out()).contains("breakwater ingest breaks (all checks, DuckDB)").contains("duckdb read_csv into a table")
                .contains("of DuckDB's read_csv rate");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.path("breakwater").path("rows").asLong()).isEqualTo(3000);
        assertThat(figures.path("duckdbReadCsv").path("rows").asLong()).isEqualTo(3000);
        assertThat(figures.path("breakwater").path("rowsPerSecond").asDouble()).isPositive();
        assertThat(figures.path("ratio").asDouble()).isPositive();
        // DuckDB's own SQL into the same table keeps one row per id with a date and coordinates: the planted bad
        // dates, coordinates and repeated ids are left out, as the ingest rejects them
        assertThat(bench.out()).contains("duckdb SQL into pipe_breaks_clean (same table)");
        assertThat(figures.path("duckdbSqlSameTable").path("rows").asLong()).isBetween(2900L, 2999L);
        assertThat(figures.path("sameTableRatio").asDouble()).isPositive();
    }
}
