package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of each stage after ingest (features, model, score, BI) on the Toronto sample: every table of
 * the store then holds what it held before the stage or what the whole stage writes, never a part; the report is
 * the old one or a whole new one; and the stage run again completes. The ingest stage's own kill test is
 * IngestKillIntegrationTests (etl-core), publishing's PublishIntegrationTests (db-turso).
 */
class StageKillIntegrationTests {
    private static final Path SAMPLE = Path.of("..", "sample-data", "toronto").toAbsolutePath().normalize();
    /** Where in the stage's own run time the kill lands. */
    private static final double[] KILL_AT = {0.5};

    @TempDir
    Path dir;

    @Test
    void aStageKilledMidwayLeavesEveryTableAsBeforeOrAsAfterAndARerunCompletes() throws Exception {
        Path config = config();
        Path base = dir.resolve("base.duckdb");
        Pipeline.of(PipelineConfig.read(config).withDatabase(base.toString()).validate())
                .stages(Stage.INGEST, Stage.INGEST).run();
        List<String> landedMidway = new ArrayList<>();
        for (Stage stage : List.of(Stage.FEATURES, Stage.MODEL, Stage.SCORE, Stage.BI)) {
            Map<String, Long> before = tables(base);
            String reportBefore = report();
            Path full = copy(base, "full-" + stage.id());
            Run whole = run(config, full, stage, -1);
            assertThat(whole.finished).as(stage + " runs to the end: " + whole.lines).isTrue();
            long stageMillis = whole.stageMillis;
            Map<String, Long> after = tables(full);
            assertThat(after).as("stage " + stage + " changes the store").isNotEqualTo(before);
            String reportAfter = report();
            for (double at : KILL_AT) {
                Path killed = copy(base, "killed-" + stage.id() + "-" + at);
                restoreReport(reportBefore);
                Run k = run(config, killed, stage, (long) (stageMillis * at));
                Map<String, Long> seen = tables(killed);
                assertThat(seen.equals(before) || seen.equals(after)).as("after a kill at %.0f%% of %s (%d ms), "
                        + "every table is as before or every table as after; these are not (before, seen, after): %s",
                        at * 100, stage, (long) (stageMillis * at), differences(before, seen, after)).isTrue();
                if (!k.finished && !seen.equals(after)) {
                    landedMidway.add(stage.id() + "@" + at);
                }
                String report = report();
                assertThat(report == null || report.equals(reportBefore) || report.strip().endsWith("</html>"))
                        .as("the report is the old one or a whole new one").isTrue();
                Run again = run(config, killed, stage, -1);
                assertThat(again.finished).as("a rerun of " + stage + " after the kill completes: " + again.lines)
                        .isTrue();
                assertThat(tables(killed)).as("the rerun of " + stage + " leaves what the whole stage writes")
                        .isEqualTo(after);
            }
            restoreReport(reportAfter);
            base = full;
        }
        assertThat(landedMidway).as("kills that landed while a stage was writing").isNotEmpty();
    }

    /** The tables whose row count differs between the three states: name=before/seen/after. */
    private static Map<String, String> differences(Map<String, Long> before, Map<String, Long> seen,
            Map<String, Long> after) {
        Map<String, String> out = new TreeMap<>();
        for (String table : after.keySet()) {
            Long b = before.get(table);
            Long s = seen.get(table);
            Long a = after.get(table);
            if (!java.util.Objects.equals(b, s) || !java.util.Objects.equals(s, a)) {
                out.put(table, b + "/" + s + "/" + a);
            }
        }
        return out;
    }

    /** The sample pipeline with absolute sources and every output under the test's folder. */
    private Path config() throws IOException {
        String yaml = Files.readString(SAMPLE.resolve("pipeline.yaml"))
                .replace("mapping: ", "mapping: " + SAMPLE + "/")
                .replace("file: ", "file: " + SAMPLE + "/")
                .replace("../../demo-out/", dir.resolve("out").toString() + "/");
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private record Run(boolean finished, long stageMillis, List<String> lines) {
    }

    /** Runs {@code stage} in its own JVM; {@code killAfterMillis} >= 0 kills it (SIGKILL) that long after it began. */
    private Run run(Path config, Path store, Stage stage, long killAfterMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile(dir, "stage", ".out");
        Process process = new ProcessBuilder(List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                StageProcess.class.getName(), config.toString(), store.toString(), stage.id()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(output).startsWith("started") && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long began = System.nanoTime();
        if (killAfterMillis >= 0 && !process.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - began) / 1_000_000;
        List<String> lines = Files.readAllLines(output);
        return new Run(lines.contains("done") && process.exitValue() == 0, millis, lines);
    }

    private Path copy(Path store, String name) throws IOException {
        Path target = dir.resolve(name + ".duckdb");
        Files.copy(store, target, StandardCopyOption.REPLACE_EXISTING);
        Path wal = Path.of(store + ".wal");
        if (Files.exists(wal)) {
            Files.copy(wal, Path.of(target + ".wal"), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Every table of the store with its row count. */
    private static Map<String, Long> tables(Path store) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store, readOnly);
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + "'main' AND table_type = 'BASE TABLE' ORDER BY 1")) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            for (String name : names) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + name + "\"")) {
                    r.next();
                    counts.put(name, r.getLong(1));
                }
            }
        }
        return counts;
    }

    private String report() throws IOException {
        Path report = dir.resolve("out").resolve("report.html");
        return Files.exists(report) ? Files.readString(report) : null;
    }

    private void restoreReport(String text) throws IOException {
        Path report = dir.resolve("out").resolve("report.html");
        if (text == null) {
            Files.deleteIfExists(report);
        } else {
            Files.writeString(report, text);
        }
    }
}
