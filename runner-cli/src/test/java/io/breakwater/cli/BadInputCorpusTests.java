package io.breakwater.cli;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.IngestRunsRecord;
import io.breakwater.db.schema.tables.records.RejectedRowsRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's bad-input corpus: one YAML file per case under {@code src/test/resources/bad-input/<kind>/}, run
 * through the real CLI in-process on a fresh DuckDB store (and on SQLite for cases marked {@code sqlite: true}).
 * Each case asserts the exit code (never 70), the message, the run's counts (read = loaded + rejected + filtered),
 * the reject or flag that makes a row-level problem visible, and for a failed command that every curated table is
 * as it was. The case format is described in {@code bad-input/README.md}.
 */
class BadInputCorpusTests {
    private static final Path CASES = Path.of("src", "test", "resources", "bad-input");
    private static final Set<String> RUN_LOG = Set.of("ingest_runs", "rejected_rows", "dq_results");
    private static final List<String> KINDS = List.of("climate", "soil", "pipes", "areas", "breaks", "mappings",
            "configs", "paths");
    private static final List<String> PARSER_WORDS = List.of("Exception", "com.fasterxml", "No content to map",
            "snakeyaml", "\tat ", "end-of-input", "Cannot deserialize", "JsonToken");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Path> TEMPLATES = new HashMap<>();

    @TempDir
    Path dir;

    @Test
    void theCorpusHoldsAtLeastSixtyCasesOverEverySourceKind() throws IOException {
        Map<String, Long> byKind = cases().collect(Collectors.groupingBy(p -> p.getParent().getFileName().toString(),
                TreeMap::new, Collectors.counting()));
        assertThat(byKind.keySet()).containsAll(KINDS);
        assertThat(byKind.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(60);
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : cases().toList()) {
            JsonNode spec = YAML.readTree(file.toFile());
            String name = CASES.relativize(file).toString();
            tests.add(DynamicTest.dynamicTest(name + " [duckdb]", file.toUri(), () -> run(name, spec, "bw.duckdb")));
            if (spec.path("sqlite").asBoolean(false)) {
                tests.add(DynamicTest.dynamicTest(name + " [sqlite]", file.toUri(), () -> run(name, spec, "bw.sqlite")));
            }
        }
        return tests.stream();
    }

    private static Stream<Path> cases() throws IOException {
        try (Stream<Path> walk = Files.walk(CASES)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private void run(String name, JsonNode spec, String dbFile) throws Exception {
        Assumptions.assumeTrue(spec.path("bug").isMissingNode(), () -> name + ": known bug: " + spec.path("bug").asText());
        Path caseDir = Files.createDirectories(dir.resolve(name.replace('/', '_') + "-" + dbFile));
        writeFiles(caseDir, spec.path("files"));
        String db = caseDir.resolve(spec.path("db").asText(dbFile)).toString();
        int expected = spec.path("exit").asInt();
        Files.copy(template(dbFile), Path.of(db));
        for (JsonNode step : spec.path("setup")) {
            CliRun.Outcome setup = cli(args(step, caseDir, db, true));
            assertThat(setup.exitCode()).as(name + " setup " + step + ": " + setup.err()).isZero();
        }
        long lastRun;
        Map<String, String> before;
        try (BreakwaterStore store = BreakwaterStore.openExisting(db)) {
            Long max = store.dsl().select(org.jooq.impl.DSL.max(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS).fetchOne(0, Long.class);
            lastRun = max == null ? 0 : max;
            before = expected == 0 ? Map.of() : snapshot(store);
        }

        JsonNode command = spec.path("command");
        boolean withDb = !"run".equals(command.path(0).asText());
        CliRun.Outcome outcome = cli(args(command, caseDir, db, withDb));
        String said = outcome.err() + outcome.out();
        assertThat(outcome.exitCode()).as(name + " never exit 70: " + said).isNotEqualTo(70);
        assertThat(outcome.exitCode()).as(name + ": " + said).isEqualTo(expected);
        for (JsonNode part : list(spec.path("message"))) {
            assertThat(said).as(name + " message").contains(part.asText().replace("{dir}", caseDir.toString()));
        }
        assertThat(said).as(name + " speaks Breakwater's words").doesNotContain(PARSER_WORDS);
        assertThat(said.length()).as(name + " a bounded message").isLessThan(20_000);

        try (BreakwaterStore store = BreakwaterStore.openExisting(db)) {
            if (expected != 0) {
                assertThat(snapshot(store)).as(name + ": a failed command leaves every curated table as it was")
                        .isEqualTo(before);
            }
            List<IngestRunsRecord> runs = store.dsl().selectFrom(INGEST_RUNS).where(INGEST_RUNS.RUN_ID.gt(lastRun))
                    .orderBy(INGEST_RUNS.RUN_ID).fetch();
            for (IngestRunsRecord r : runs) {
                long filtered = r.getRowsFiltered() == null ? 0 : r.getRowsFiltered();
                if ("failed".equals(r.getStatus())) {
                    assertThat(r.getRowsLoaded()).as(name + ": a failed run loads nothing").isZero();
                    assertThat(r.getRowsRejected() + filtered).as(name + ": honest counts").isLessThanOrEqualTo(r.getRowsRead());
                } else {
                    assertThat(r.getRowsRead()).as(name + ": read = loaded + rejected + filtered")
                            .isEqualTo(r.getRowsLoaded() + r.getRowsRejected() + filtered);
                }
            }
            if (expected != 0) {
                assertThat(runs).as(name + ": a failed command logs no success").allMatch(r -> "failed".equals(r.getStatus()));
            }
            checkCounts(name, spec.path("counts"), runs);
            checkRejects(name, store, spec.path("reject"), runs);
            checkFlag(name, store, spec.path("flag"), runs);
            checkQuery(name, store, spec.path("query"));
            if (expected == 0) {
                assertThat(spec.has("reject") || spec.has("flag") || spec.has("query"))
                        .as(name + ": a successful case shows what made the bad input visible (reject, flag or query)")
                        .isTrue();
            }
        }
    }

    /** A freshly migrated store of each kind, copied for every case (migrating each one would double the run time). */
    private static synchronized Path template(String dbFile) throws IOException {
        Path template = TEMPLATES.get(dbFile);
        if (template == null) {
            template = Files.createTempDirectory("bw-corpus-").resolve(dbFile);
            CliRun.run("db", "migrate", "--db", template.toString()).succeeded();
            TEMPLATES.put(dbFile, template);
        }
        return template;
    }

    private static CliRun.Outcome cli(String[] args) {
        return assertTimeoutPreemptively(TIMEOUT, () -> CliRun.run(args), () -> "no hang: " + String.join(" ", args));
    }

    private static String[] args(JsonNode step, Path caseDir, String db, boolean withDb) {
        List<String> args = new ArrayList<>();
        step.forEach(a -> args.add(a.asText().replace("{dir}", caseDir.toString())));
        if (withDb) {
            args.add("--db");
            args.add(db);
        }
        return args.toArray(String[]::new);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    /** Text files as given; {@code {repeat, times, prefix, suffix}} for a large one; {@code {base64}} for bytes. */
    private static void writeFiles(Path caseDir, JsonNode files) throws IOException {
        for (Map.Entry<String, JsonNode> f : iterable(files)) {
            Path path = caseDir.resolve(f.getKey());
            Files.createDirectories(path.getParent());
            JsonNode v = f.getValue();
            if (v.isTextual()) {
                Files.writeString(path, v.asText(), StandardCharsets.UTF_8);
            } else if (v.has("base64")) {
                Files.write(path, Base64.getMimeDecoder().decode(v.path("base64").asText()));
            } else if (v.has("folder")) {
                Files.createDirectories(path);
            } else {
                String text = v.path("prefix").asText("") + v.path("repeat").asText().repeat(v.path("times").asInt())
                        + v.path("suffix").asText("");
                Files.writeString(path, text, StandardCharsets.UTF_8);
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields.entrySet();
    }

    /** Every curated table's row count and content, rows sorted, as one text per table. */
    private static Map<String, String> snapshot(BreakwaterStore store) {
        Map<String, String> tables = new TreeMap<>();
        for (Table<?> table : BreakwaterStore.contractTables()) {
            if (!RUN_LOG.contains(table.getName().toLowerCase())) {
                List<String> rows = store.dsl().selectFrom(table).fetch().stream().map(Record::toString).sorted().toList();
                tables.put(table.getName(), rows.size() + " rows, content hash " + String.join("\n", rows).hashCode());
            }
        }
        return tables;
    }

    private static void checkCounts(String name, JsonNode counts, List<IngestRunsRecord> runs) {
        if (counts.isMissingNode()) {
            return;
        }
        assertThat(runs).as(name + ": the command logs a run").isNotEmpty();
        IngestRunsRecord r = runs.get(runs.size() - 1);
        long filtered = r.getRowsFiltered() == null ? 0 : r.getRowsFiltered();
        Map<String, Long> actual = new TreeMap<>(Map.of("read", r.getRowsRead(), "loaded", r.getRowsLoaded(),
                "rejected", r.getRowsRejected(), "filtered", filtered));
        Map<String, Long> wanted = new TreeMap<>();
        iterable(counts).forEach(e -> wanted.put(e.getKey(), e.getValue().asLong()));
        actual.keySet().retainAll(wanted.keySet());
        assertThat(actual).as(name + ": counts of run " + r.getRunId()).isEqualTo(wanted);
    }

    /** {@code reject: {rule, message: [...], maxLength}}: one of the run's rejected rows says so. */
    private static void checkRejects(String name, BreakwaterStore store, JsonNode reject, List<IngestRunsRecord> runs) {
        if (reject.isMissingNode()) {
            return;
        }
        List<RejectedRowsRecord> rows = store.dsl().selectFrom(REJECTED_ROWS)
                .where(REJECTED_ROWS.RUN_ID.in(runs.stream().map(IngestRunsRecord::getRunId).toList()))
                .orderBy(REJECTED_ROWS.LINE_NUMBER).fetch();
        assertThat(rows).as(name + ": rejected rows").isNotEmpty();
        String rule = reject.path("rule").asText();
        List<String> parts = list(reject.path("message")).stream().map(JsonNode::asText).toList();
        assertThat(rows).as(name + ": a reject with rule " + rule + " whose message holds " + parts + "; got "
                + rows.stream().map(r -> r.getRule() + ": " + r.getMessage()).toList())
                .anySatisfy(r -> {
                    assertThat(r.getRule()).isEqualTo(rule);
                    parts.forEach(part -> assertThat(r.getMessage()).contains(part));
                    assertThat(r.getMessage()).doesNotContain(PARSER_WORDS);
                });
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getMessage().length()).as(name + ": a bounded reject message").isLessThan(4_096);
            assertThat(r.getRawValue() == null ? 0 : r.getRawValue().length()).isLessThan(4_096);
            assertThat(r.getRawRecord() == null ? 0 : r.getRawRecord().length()).isLessThan(8_192);
        });
    }

    /** {@code flag: {check, count}}: the run's check result counts the flagged rows. */
    private static void checkFlag(String name, BreakwaterStore store, JsonNode flag, List<IngestRunsRecord> runs) {
        if (flag.isMissingNode()) {
            return;
        }
        Long count = store.dsl().select(DQ_RESULTS.UNEXPECTED_COUNT).from(DQ_RESULTS)
                .where(DQ_RESULTS.RUN_ID.eq(runs.get(runs.size() - 1).getRunId()))
                .and(DQ_RESULTS.CHECK_NAME.eq(flag.path("check").asText())).fetchOne(DQ_RESULTS.UNEXPECTED_COUNT);
        assertThat(count).as(name + ": rows flagged " + flag.path("check").asText()).isEqualTo(flag.path("count").asLong());
    }

    /** {@code query: {sql, equals}}: what a user reading the store sees. */
    private static void checkQuery(String name, BreakwaterStore store, JsonNode query) {
        for (JsonNode q : list(query)) {
            String value = String.valueOf(store.dsl().fetchValue(q.path("sql").asText()));
            assertThat(value).as(name + ": " + q.path("sql").asText()).isEqualTo(q.path("equals").asText());
        }
    }

    static {
        // fail early rather than run no case at all when the working directory is not the module
        if (!Files.isDirectory(CASES)) {
            throw new UncheckedIOException(new IOException("no bad-input corpus at " + CASES.toAbsolutePath()));
        }
    }
}
