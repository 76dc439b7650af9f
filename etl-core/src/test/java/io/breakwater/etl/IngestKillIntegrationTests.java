package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.SyntheticBreakFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills an ingest subprocess halfway through a large file: the store must be as it was, and a rerun complete. */
class IngestKillIntegrationTests {
    private static final int LARGE_ROWS = 150_000;

    @TempDir
    Path dir;

    @Test
    void aKilledIngestLeavesNoPartialRowsAndARerunCompletes() throws Exception {
        Path mapping = dir.resolve("mapping.yaml");
        SyntheticBreakFile.writeMapping(mapping, "kill-test", null);
        Path small = dir.resolve("small.csv");
        SyntheticBreakFile.writeCsv(small, 2_000, 1);
        Path large = dir.resolve("large.csv");
        SyntheticBreakFile.Written written = SyntheticBreakFile.writeCsv(large, LARGE_ROWS, 2);
        String db = dir.resolve("kill.duckdb").toString();

        long before;
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            before = Ingest.into(store).breaks(mapping, small).rowsLoaded();
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                IngestProcess.class.getName(), db, mapping.toString(), large.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastDone = 0;
        long total = 0;
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("progress ")) {
                    String[] parts = line.split(" ");
                    lastDone = Long.parseLong(parts[1]);
                    total = Long.parseLong(parts[2]);
                    if (lastDone * 2 >= total) {
                        process.destroyForcibly();
                        killed = true;
                        break;
                    }
                }
            }
        } finally {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(killed).as("the subprocess was killed before it finished reading").isTrue();
        assertThat(lastDone).isLessThan(total);
        assertThat(process.exitValue()).isNotZero();

        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo((int) before);
            assertThat(store.dsl().fetchCount(INGEST_RUNS)).isEqualTo(1);
            assertThat(store.dsl().meta().getTables().stream().map(t -> t.getName().toLowerCase()))
                    .noneMatch(n -> n.startsWith("bw_stage"));

            IngestReport rerun = Ingest.into(store).breaks(mapping, large);
            assertThat(rerun.rowsRead()).isEqualTo(LARGE_ROWS);
            assertThat(rerun.rowsRejected()).isEqualTo(written.expectedRejects());
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo((int) (before + rerun.counts().inserted()));
            assertThat(rerun.counts().inserted()).isEqualTo(rerun.rowsLoaded());
        }
    }
}
