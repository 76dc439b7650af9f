package io.breakwater.bi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Table;
import org.junit.jupiter.api.io.TempDir;

class PowerBiExportIntegrationTests {
    @TempDir
    Path dir;

    /** Every dim, fct and dash file reads back through DuckDB with the row count of its table, from either store kind. */
    @EachStoreKind
    void parquetFilesReadBackWithTheSameRowCounts(TestStores.Kind kind) throws Exception {
        Path out = dir.resolve("powerbi");
        Map<String, Integer> expected = new HashMap<>();
        ExportResult result;
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            DemoFixture.fill(store, 5);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            for (Table<?> table : StarSchema.exportedTables()) {
                expected.put(table.getName(), store.dsl().fetchCount(table));
            }
            result = PowerBiExport.to(out).build().export(store, ProgressListener.NONE);
        }
        assertThat(result.tables()).extracting(ExportedTable::table).containsExactlyElementsOf(
                StarSchema.exportedTables().stream().map(Table::getName).toList());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            for (ExportedTable table : result.tables()) {
                assertThat(table.file()).isEqualTo(out.resolve(table.table() + ".parquet").toAbsolutePath());
                try (ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM read_parquet('" + table.file() + "')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table.table()).isEqualTo(expected.get(table.table()).longValue())
                            .isEqualTo(table.rows()).isPositive();
                }
            }
            // types survive: dates stay dates, keys stay integers
            try (ResultSet rs = statement.executeQuery("SELECT min(full_date), typeof(min(full_date)), "
                    + "typeof(min(date_key)), count(DISTINCT full_date) FROM read_parquet('"
                    + out.resolve("dim_date.parquet") + "')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("2014-01-01");
                assertThat(rs.getString(2)).isEqualTo("DATE");
                assertThat(rs.getString(3)).isEqualTo("INTEGER");
                assertThat(rs.getLong(4)).isEqualTo(expected.get("dim_date").longValue());
            }
        }
        JsonNode pbids = new ObjectMapper().readTree(result.pbidsFile().toFile());
        assertThat(pbids.at("/connections/0/details/protocol").asText()).isEqualTo("folder");
        // never the exporting machine's path: relative to the .pbids file unless told where Power BI sees the folder
        assertThat(pbids.at("/connections/0/details/address/path").asText()).isEqualTo(".");
        assertThat(Files.readString(result.pbidsFile())).doesNotContain(dir.toString());
        assertThat(result.pbipFile()).isEqualTo(out.resolve("Breakwater.pbip").toAbsolutePath()).exists();
        assertThat(Files.readString(result.readme())).contains("fct_break[date_key] | dim_date[date_key]")
                .contains("mark `dim_date` as the date table").contains("Breakwater.pbip")
                .contains("| dim_date | " + expected.get("dim_date") + " |");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('"
                        + out.resolve("*.parquet") + "')")) {
            List<String> codecs = new ArrayList<>();
            while (rs.next()) {
                codecs.add(rs.getString(1));
            }
            assertThat(codecs).as("a codec Power BI reads").containsExactly("SNAPPY");
        }
    }

    @EachStoreKind
    void csvOnRequestHasAHeaderAndOneLinePerRow(TestStores.Kind kind) throws Exception {
        Path out = dir.resolve("csv");
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            DemoFixture.fill(store, 5);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            ExportResult result = PowerBiExport.to(out).format(ExportFormat.CSV).build().export(store, null);
            ExportedTable areas = result.tables().stream().filter(t -> t.table().equals("dim_area")).findFirst()
                    .orElseThrow();
            var lines = Files.readAllLines(areas.file());
            assertThat(lines.get(0)).startsWith("area_key,area_code,area_name,area_set");
            assertThat(lines).hasSize(DemoFixture.AREAS_COUNT + 1);
            assertThat(out.resolve("fct_break.csv")).exists();
            assertThat(out.resolve("fct_break.parquet")).doesNotExist();
            // the project reads the CSV files with the types the tables have (CSV carries none)
            assertThat(Files.readString(out.resolve("Breakwater.SemanticModel/definition/tables/dim_date.tmdl")))
                    .contains("Csv.Document(").contains("\\dim_date.csv\"").contains("{\"full_date\", type date}")
                    .contains("{\"date_key\", Int64.Type}").doesNotContain("Parquet.Document");
        }
    }
}
