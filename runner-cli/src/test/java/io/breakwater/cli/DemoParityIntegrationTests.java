package io.breakwater.cli;

import static io.breakwater.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.turso.HranaStatement;
import io.breakwater.turso.Parity;
import io.breakwater.turso.ParityExclusions;
import io.breakwater.turso.ParityResult;
import io.breakwater.turso.PublishChild;
import io.breakwater.turso.TableParity;
import io.breakwater.turso.TursoClient;
import io.breakwater.turso.testing.TursoEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance checks of issue 10 on the real demo: the bundled Toronto pipeline run on DuckDB and on a SQLite file
 * holds the same data, and the demo database published to a real Turso engine survives a publish killed halfway.
 * The two pipeline runs are built once for the class, side by side (XGBoost trains on one thread each).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoParityIntegrationTests {
    /** Every curated, feature, model and score table the demo fills: each must hold rows and match. */
    private static final List<String> DEMO_TABLES = List.of("areas", "soil_zones", "area_soil", "climate_daily",
            "climate_monthly", "pipe_breaks_clean", "ingest_runs", "dq_results", "feature_sets", "feature_assets",
            "asset_neighbours", "pipe_features_monthly", "model_evaluations", "evaluation_metrics", "model_registry",
            "model_metrics", "model_feature_importance", "pipe_break_risk_scores");

    @TempDir
    static Path dir;

    private static PipelineConfig duckConfig;
    private static String duck;
    private static String lite;
    /** Where the freshness check counts days: UTC, since the demo's break mapping sets no {@code date.zone}. */
    private static final ZoneId RUN_ZONE = java.time.ZoneOffset.UTC;
    private static LocalDate firstRunDate;

    @BeforeAll
    static void runTheDemoOnDuckDbAndOnSqlite() throws Exception {
        Path root = Path.of(System.getProperty("breakwater.root", "..")).toAbsolutePath().normalize();
        PipelineConfig demo = PipelineConfig.read(root.resolve("sample-data/toronto/pipeline.yaml"));
        duckConfig = demo.withOutputFolder(dir.resolve("duck"));
        duck = duckConfig.database();
        lite = dir.resolve("lite").resolve("breakwater.sqlite").toString();
        PipelineConfig liteConfig = demo.withOutputFolder(dir.resolve("lite")).withDatabase(lite);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            // one clock for both: the freshness check measures the newest break's age at the run date (UTC), which two runs straddling local midnight would otherwise see a day apart
            java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
            firstRunDate = LocalDate.now(clock.withZone(RUN_ZONE));
            Future<PipelineResult> onDuck = two.submit(() -> Pipeline.of(duckConfig).clock(clock).run());
            Future<PipelineResult> onLite = two.submit(() -> Pipeline.of(liteConfig).clock(clock).run());
            for (PipelineResult result : List.of(onDuck.get(), onLite.get())) {
                System.out.printf(Locale.ROOT, "demo on %s: %.1f s (%s)%n", result.database(),
                        result.total().toMillis() / 1000.0, result.stages().stream()
                                .map(s -> s.stage().id() + " " + s.elapsed().toSeconds() + " s")
                                .collect(Collectors.joining(", ")));
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void theDemoOnDuckDbAndOnSqliteHoldsTheSameCuratedFeatureModelAndScoreTables() {
        try (BreakwaterStore a = BreakwaterStore.openExisting(duck);
                BreakwaterStore b = BreakwaterStore.openExisting(lite)) {
            ParityResult result = Parity.builder().exclusions(ParityExclusions.RUN_TIME).build().compare(a, b);

            assertThat(result.differences()).isEmpty();
            Map<String, TableParity> tables = result.tables().stream()
                    .collect(Collectors.toMap(TableParity::table, t -> t));
            for (String table : DEMO_TABLES) {
                assertThat(tables.get(table).rowsA()).as(table).isPositive();
                assertThat(tables.get(table).contentCompared()).as(table).isTrue();
            }
            // the demo panel is yearly: one December snapshot per area, 1990..2016
            assertThat(tables.get("pipe_features_monthly").rowsA()).isEqualTo(140L * 27);
            // the star schema too: every dim and fct table filled (issue 8), and the same on both backends; the
            // demo forecasts at area grain, so its per-pipe forecast fact is empty on both
            List<TableParity> star = result.tables().stream()
                    .filter(t -> t.table().startsWith("dim_") || t.table().startsWith("fct_")).toList();
            assertThat(star).hasSizeGreaterThanOrEqualTo(12).allSatisfy(t -> {
                if (t.table().equals("fct_pipe_forecast")) {
                    assertThat(t.rowsA()).isZero();
                    assertThat(t.rowsB()).isZero();
                } else {
                    assertThat(t.rowsA()).as(t.table()).isPositive();
                }
                assertThat(t.contentCompared()).as(t.table()).isTrue();
            });

            // every difference of the exact comparison lies in a run-time column: the exclusions hide nothing else
            ParityResult exact = Parity.builder().build().compare(a, b);
            assertThat(exact.differingTables()).extracting(TableParity::table)
                    .contains("feature_sets", "model_registry");   // build times, artifact paths
            assertThat(exact.differingTables()).allSatisfy(t -> {
                assertThat(t.rowsA()).isEqualTo(t.rowsB());
                assertThat(t.differingColumns()).isNotEmpty().allSatisfy(column -> assertThat(
                        ParityExclusions.RUN_TIME.leavesOut(t.table(), column)).as(t.table() + "." + column).isTrue());
            });
        }

        Outcome command = run("db", "parity", duck, lite, "--no-progress");
        assertThat(command.exitCode()).as(command.out() + command.err()).isZero();
        assertThat(command.out()).contains("left out of the content comparison (run-time columns;")
                .contains("  model_registry: artifact_path, created_at")
                .containsPattern("pipe_break_risk_scores\\s+140\\s+140\\s+\\w{12}\\s+\\w{12}\\s+same");
    }

    @Test
    @Order(2)
    void theDemoDatabasePublishedKilledHalfwayAndPublishedAgainEqualsTheLocalStoreAndASecondPublishDoesNothing()
            throws Exception {
        TursoEngine.requireBinary();
        Map<String, Long> local = new LinkedHashMap<>();
        try (BreakwaterStore store = BreakwaterStore.openExisting(duck)) {
            store.tables().forEach(t -> local.put(t.name(), t.rowCount()));
        }
        long total = local.values().stream().mapToLong(Long::longValue).sum();
        assertThat(local.get("fct_break")).isPositive();

        try (TursoEngine engine = TursoEngine.start(dir)) {
            String killedIn = publishAndKillHalfway(engine.url(), local, total);
            TursoClient remote = TursoClient.builder(engine.url()).build();
            long halfway = remoteCounts(remote, local).values().stream().mapToLong(Long::longValue).sum();
            assertThat(halfway).as("rows on the remote after the kill").isBetween(total / 2 - 500, total - 1);

            Outcome resumed = run("db", "publish", "--from", duck, "--to", engine.url(), "--no-progress");
            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).containsPattern(killedIn + "\\s+resumed\\s")
                    .contains("verified: same schema version, row counts and checksums in every table");
            assertThat(remoteCounts(remote, local)).as("no duplicates, nothing missing").isEqualTo(local);

            Outcome parity = run("db", "parity", "--exact", duck, engine.url(), "--no-progress");
            assertThat(parity.exitCode()).as(parity.out()).isZero();
            assertThat(parity.out()).contains("every column of every table compared")
                    .contains("same: schema version, " + BreakwaterStore.contractTables().size() + " tables");

            Outcome twice = run("db", "publish", "--from", duck, "--to", engine.url(), "--no-progress").succeeded();
            assertThat(twice.out()).contains(", 0 rows written, 0 deleted (the remote was already up to date: "
                    + "nothing changed)").contains("verified");
        }
    }

    /**
     * Issue 9: {@code breakwater demo} writes the three outputs, and a second demo in a fresh folder holds the same
     * tables and scores as the first, run-time columns (timestamps, artifact paths) aside.
     */
    @Test
    @Order(3)
    void theDemoCommandWritesItsThreeOutputsAndTwoRunsHoldTheSameTablesAndScores() {
        Path again = dir.resolve("again");
        Path root = Path.of(System.getProperty("breakwater.root", "..")).toAbsolutePath().normalize();
        Outcome demo = run("demo", "--out", again.toString(), "--data", root.resolve("sample-data/toronto").toString(),
                "--no-progress");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(again.resolve("breakwater.duckdb")).isRegularFile();
        assertThat(again.resolve("report.html")).isRegularFile();
        assertThat(again.resolve("powerbi").resolve("breakwater.pbids")).isRegularFile();
        assertThat(again.resolve("powerbi").toFile().list((d, n) -> n.endsWith(".parquet"))).hasSizeGreaterThan(10);

        try (BreakwaterStore first = BreakwaterStore.openExisting(duck);
                BreakwaterStore second = BreakwaterStore.openExisting(again.resolve("breakwater.duckdb").toString())) {
            // the CLI runs on the system clock: past midnight UTC since the first run, the freshness check
            // measures the newest break a day older (its value and message), and nothing else may differ
            ParityExclusions leftOut = LocalDate.now(RUN_ZONE).equals(firstRunDate) ? ParityExclusions.RUN_TIME
                    : ParityExclusions.RUN_TIME.and(ParityExclusions.parse("", "dq_results.observed_value,"
                            + "dq_results.message,fct_dq_result.observed_value,fct_dq_result.message"));
            ParityResult result = Parity.builder().exclusions(leftOut).build().compare(first, second);
            assertThat(result.differences()).as("two demo runs").isEmpty();
            assertThat(result.tables()).filteredOn(t -> t.table().equals("pipe_break_risk_scores"))
                    .singleElement().satisfies(t -> assertThat(t.rowsA()).isEqualTo(140));
        }
    }

    /** Publishes in a child process and kills it once half of all rows are committed, mid-table; returns the table. */
    private static String publishAndKillHalfway(String url, Map<String, Long> local, long total) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PublishChild.class.getName(), duck, url, "500").redirectErrorStream(true).start();
        Map<String, Long> done = new LinkedHashMap<>();
        String killedIn = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                assertThat(line).as("the publish finished before it was killed").isNotEqualTo("done");
                if (!line.startsWith("progress publish ")) {
                    continue;
                }
                String[] parts = line.split(" ");
                String table = parts[2];
                long rows = Long.parseLong(parts[3]);
                done.put(table, rows);
                long committed = done.values().stream().mapToLong(Long::longValue).sum();
                if (committed >= total / 2 && rows > 0 && rows < local.get(table)) {
                    child.destroyForcibly();
                    killedIn = table;
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killedIn).as("the child was killed in the middle of a table").isNotNull();
        System.out.printf("publish killed in %s after %,d of %,d rows%n", killedIn,
                done.values().stream().mapToLong(Long::longValue).sum(), total);
        return killedIn;
    }

    private static Map<String, Long> remoteCounts(TursoClient remote, Map<String, Long> local) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : local.keySet()) {
            counts.put(table, (Long) remote.execute(HranaStatement.of("SELECT count(*) FROM " + table)).singleValue()
                    .javaValue());
        }
        return counts;
    }
}
