package io.breakwater.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableExportTests {
    @TempDir
    Path dir;

    private static void twoAreas(BreakwaterStore store) {
        store.dsl().insertInto(DSL.table("areas"), DSL.field("area_id"), DSL.field("area_name"), DSL.field("area_set"),
                DSL.field("area_km2"), DSL.field("geometry_wkt"), DSL.field("run_id"))
                .values("a1", "Old Town, East", "set", 1.5, "POINT (0 0)", 1L)
                .values("a2", "Say \"hi\"", "set", null, "POINT (1 1)", 1L).execute();
    }

    @ParameterizedTest
    @EnumSource(TestStores.Kind.class)
    void writesOneTableAsCsvWithQuotedCellsAndAsParquetOnEitherStore(TestStores.Kind kind) throws Exception {
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            twoAreas(store);
            TableExport.Written csv = TableExport.of(store, TableExport.Format.CSV)
                    .writeTable("AREAS", dir.resolve("out/areas.csv"));
            assertThat(csv.name()).isEqualTo("areas");
            assertThat(csv.rows()).isEqualTo(2);
            List<String> lines = Files.readAllLines(csv.file());
            assertThat(lines.get(0)).startsWith("area_id,area_code,area_name,area_set,area_km2");
            assertThat(lines).hasSize(3);
            assertThat(String.join("\n", lines)).contains("\"Old Town, East\"").contains("\"Say \"\"hi\"\"\"");

            TableExport.Written parquet = TableExport.of(store, TableExport.Format.PARQUET)
                    .writeTable("areas", dir.resolve("out/areas.parquet"));
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    ResultSet rs = duck.createStatement().executeQuery("SELECT count(*), max(area_km2) FROM '"
                            + parquet.file() + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getDouble(2)).isEqualTo(1.5);
            }
        }
    }

    @Test
    void anUnknownTableIsRefusedWithTheTablesThereAndNothingIsWritten() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            TableExport export = TableExport.of(store, TableExport.Format.CSV);
            assertThat(export.tables()).contains("areas", "pipes", "model_registry");
            assertThatThrownBy(() -> export.writeTable("pipez", dir.resolve("x.csv")))
                    .isInstanceOfSatisfying(BreakwaterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                    .hasMessageContaining("table 'pipez' is not in").hasMessageContaining("expected one of")
                    .hasMessageContaining("pipes");
            assertThatThrownBy(() -> export.writeTable("areas", dir))
                    .hasMessageContaining("it is a folder; expected a file path");
        }
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void aFormatIsCsvOrParquetInAnyCaseAndNothingElse() {
        assertThat(TableExport.Format.parse(" Parquet ")).isEqualTo(TableExport.Format.PARQUET);
        assertThat(TableExport.Format.parse("csv").extension()).isEqualTo("csv");
        assertThatThrownBy(() -> TableExport.Format.parse("xlsx")).isInstanceOf(BreakwaterException.class)
                .hasMessage("unknown export format 'xlsx': expected csv or parquet");
    }
}
