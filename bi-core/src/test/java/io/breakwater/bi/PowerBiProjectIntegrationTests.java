package io.breakwater.bi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.bi.internal.pbip.MicrosoftSchemas;
import io.breakwater.bi.internal.pbip.PbipProject;
import io.breakwater.bi.internal.pbip.TmdlParse;
import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Power BI project an export writes, read back as Power BI would need it: every JSON part valid against
 * Microsoft's schemas, the TMDL well formed, generated from the exported files (tables, columns, relationships), its
 * measures and report visuals naming only what exists, and the model text equal to the golden files.
 */
class PowerBiProjectIntegrationTests {
    /** Regenerate the golden files with {@code -Dbreakwater.regenerateGolden=true} (off by default). */
    private static final boolean REGENERATE = Boolean.getBoolean("breakwater.regenerateGolden");
    private static final String GOLDEN = "src/test/resources/io/breakwater/bi/pbip-golden/";
    private static final String POWER_BI_FOLDER = "C:\\data\\breakwater\\powerbi";

    @TempDir
    static Path dir;
    static ExportResult result;
    static Path out;
    /** The columns of each exported Parquet file, read back through DuckDB. */
    static Map<String, Set<String>> parquetColumns = new HashMap<>();
    static TmdlParse model = new TmdlParse();

    @BeforeAll
    static void export() throws Exception {
        out = dir.resolve("powerbi");
        try (BreakwaterStore store = DemoFixture.refreshed(dir, 5, StarSchemaTests.CLOCK)) {
            result = PowerBiExport.to(out).powerBiFolder(POWER_BI_FOLDER).build().export(store, ProgressListener.NONE);
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            for (ExportedTable table : result.tables()) {
                Set<String> columns = new HashSet<>();
                try (ResultSet rs = statement.executeQuery(
                        "DESCRIBE SELECT * FROM read_parquet('" + table.file() + "')")) {
                    while (rs.next()) {
                        columns.add(rs.getString("column_name"));
                    }
                }
                parquetColumns.put(table.table(), columns);
            }
        }
        Path definition = out.resolve(PbipProject.MODEL_FOLDER).resolve("definition");
        for (Path file : files(definition, ".tmdl")) {
            model.parse(definition.relativize(file).toString(), Files.readString(file));
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        }
    }

    @Test
    void everyJsonPartValidatesAgainstMicrosoftsPublishedSchema() throws Exception {
        assumeSchemas();
        List<Path> json = new ArrayList<>(files(out, ".json"));
        json.addAll(files(out, ".pbip"));
        json.addAll(files(out, ".pbir"));
        json.addAll(files(out, ".pbism"));
        json.addAll(files(out, ".platform"));
        Map<String, List<String>> violations = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        Set<String> schemas = new HashSet<>();
        for (Path file : json) {
            JsonNode document = mapper.readTree(file.toFile());
            schemas.add(document.path("$schema").asText());
            List<String> found = MicrosoftSchemas.violations(document);
            if (!found.isEmpty()) {
                violations.put(out.relativize(file).toString(), found);
            }
        }
        assertThat(violations).isEmpty();
        // the project, two .platform files, .pbir, .pbism, version, report, pages list, 4 pages and their visuals
        assertThat(json).hasSizeGreaterThan(10 + 4 * 3);
        assertThat(schemas).hasSize(9);
        assertThat(out.resolve("Breakwater.Report/definition/pages/risk/page.json")).exists();
    }

    @Test
    void aPartThatBreaksTheSchemaIsCaught() throws Exception {
        assumeSchemas();
        JsonNode page = new ObjectMapper().readTree(
                out.resolve("Breakwater.Report/definition/pages/trends/page.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) page).remove("displayOption");
        ((com.fasterxml.jackson.databind.node.ObjectNode) page).put("height", "tall");
        assertThat(MicrosoftSchemas.violations(page)).hasSizeGreaterThanOrEqualTo(2);
        // a projection without its field breaks a schema the visual container refers to (visualConfiguration)
        JsonNode visual = new ObjectMapper().readTree(
                out.resolve("Breakwater.Report/definition/pages/trends/visuals/monthly/visual.json").toFile());
        assertThat(MicrosoftSchemas.violations(visual)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) visual.at("/visual/query/queryState/Y/projections/0"))
                .remove("field");
        assertThat(MicrosoftSchemas.violations(visual)).singleElement().asString().contains("field");
    }

    private static void assumeSchemas() {
        org.junit.jupiter.api.Assumptions.assumeTrue(MicrosoftSchemas.available(), "no copy of Microsoft's JSON schemas "
                + "(github.com/microsoft/json-schemas): set -D" + MicrosoftSchemas.PROPERTY + "=FOLDER to validate");
    }

    @Test
    void oneModelTablePerExportedFileWithTheFilesColumns() {
        for (ExportedTable exported : result.tables()) {
            TmdlParse.Table table = model.tables.get(exported.table());
            assertThat(table).as(exported.table()).isNotNull();
            assertThat(table.columns().keySet()).as(exported.table())
                    .containsExactlyInAnyOrderElementsOf(parquetColumns.get(exported.table()));
            assertThat(table.partitionSources()).singleElement().asString()
                    .contains("Parquet.Document(").contains("BreakwaterFolder")
                    .contains('"' + "\\" + exported.table() + ".parquet\"");
        }
        assertThat(model.tables.keySet()).hasSize(result.tables().size() + 1).contains("Top k");
        assertThat(model.expressions.get("BreakwaterFolder")).startsWith('"' + POWER_BI_FOLDER + '"')
                .contains("IsParameterQuery = true");
        TmdlParse.Table date = model.tables.get("dim_date");
        assertThat(date.properties()).containsEntry("dataCategory", "Time");
        assertThat(date.columns().get("full_date")).containsEntry("isKey", "true").containsEntry("dataType", "dateTime");
        assertThat(date.columns().get("month_short")).containsEntry("sortByColumn", "month_of_year");
    }

    @Test
    void everyRelationshipOfTheStarSchemaResolvesToExportedParquetColumns() {
        assertThat(model.relationships).hasSameSizeAs(Relationship.all());
        for (Relationship r : Relationship.all()) {
            assertThat(model.relationships).as(r.toString()).contains(new TmdlParse.Rel(r.fromTable(), r.fromColumn(),
                    r.toTable(), r.toColumn(), r.active()));
        }
        for (TmdlParse.Rel r : model.relationships) {
            assertThat(parquetColumns.get(r.fromTable())).as(r.toString()).contains(r.fromColumn());
            assertThat(parquetColumns.get(r.toTable())).as(r.toString()).contains(r.toColumn());
        }
    }

    /** Power BI refuses a model with two active filter paths between two tables; each area key reaches dim_area. */
    @Test
    void activeRelationshipsAreUnambiguousAndEveryAreaKeyFiltersByArea() {
        Map<String, List<String>> active = new HashMap<>();
        for (TmdlParse.Rel r : model.relationships) {
            if (r.active()) {
                active.computeIfAbsent(r.fromTable(), k -> new ArrayList<>()).add(r.toTable());
            }
        }
        for (String from : model.tables.keySet()) {
            Map<String, Integer> paths = new HashMap<>();
            Deque<String> todo = new ArrayDeque<>(List.of(from));
            while (!todo.isEmpty()) {
                for (String to : active.getOrDefault(todo.pop(), List.of())) {
                    paths.merge(to, 1, Integer::sum);
                    todo.push(to);
                }
            }
            assertThat(paths.values()).as("active paths from " + from).allMatch(n -> n == 1);
            if (parquetColumns.getOrDefault(from, Set.of()).contains("area_key") && from.startsWith("fct_")) {
                assertThat(paths).as(from + " has an area_key: an area slicer must filter it").containsKey("dim_area");
            }
        }
    }

    @Test
    void measuresReferenceOnlyExistingColumnsAndMeasures() {
        Set<String> measures = new HashSet<>();
        model.tables.values().forEach(t -> measures.addAll(t.measures().keySet()));
        assertThat(measures).contains("Breaks", "Breaks per km", "Breaks per km²", "Expected breaks",
                "Actual against expected", "Share of breaks in top k%", "Lift over strongest baseline", "Data as of");
        for (TmdlParse.Table table : model.tables.values()) {
            for (Map.Entry<String, String> measure : table.measures().entrySet()) {
                for (String[] ref : TmdlParse.columnReferences(measure.getValue())) {
                    assertThat(model.tables).as(measure.getKey()).containsKey(ref[0]);
                    assertThat(model.tables.get(ref[0]).columns()).as(measure.getKey() + " -> " + ref[0] + "[" + ref[1]
                            + "]").containsKey(ref[1]);
                }
                assertThat(measures).as(measure.getKey()).containsAll(TmdlParse.measureReferences(measure.getValue()));
            }
        }
    }

    @Test
    void reportVisualsBindOnlyToModelObjectsOnFourPages() throws Exception {
        Path pages = out.resolve(PbipProject.REPORT_FOLDER).resolve("definition/pages");
        JsonNode order = new ObjectMapper().readTree(pages.resolve("pages.json").toFile()).path("pageOrder");
        assertThat(order).hasSize(4);
        int fields = 0;
        for (Path visual : files(pages, "visual.json")) {
            for (JsonNode field : new ObjectMapper().readTree(visual.toFile()).findValues("field")) {
                boolean measure = field.has("Measure");
                JsonNode ref = measure ? field.get("Measure") : field.get("Column");
                String table = ref.at("/Expression/SourceRef/Entity").asText();
                String name = ref.path("Property").asText();
                assertThat(model.tables).as(visual.toString()).containsKey(table);
                Set<String> names = measure ? model.tables.get(table).measures().keySet()
                        : model.tables.get(table).columns().keySet();
                assertThat(names).as(visual + ": " + table + "." + name).contains(name);
                fields++;
            }
        }
        assertThat(fields).isGreaterThan(20);
    }

    @Test
    void modelTextEqualsTheGoldenFiles() throws IOException {
        Path definition = out.resolve(PbipProject.MODEL_FOLDER).resolve("definition");
        for (Path file : files(definition, ".tmdl")) {
            String relative = definition.relativize(file).toString().replace('\\', '/');
            Path golden = Path.of(GOLDEN + relative);
            String actual = Files.readString(file, StandardCharsets.UTF_8);
            if (REGENERATE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file for " + relative + " (regenerate with -Dbreakwater.regenerateGolden=true)")
                    .exists();
            assertThat(actual).as(relative).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
        assertThat(files(Path.of(GOLDEN), ".tmdl")).hasSameSizeAs(files(definition, ".tmdl"));
    }
}
