package io.breakwater.bi.internal.pbip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.bi.ExportFormat;
import io.breakwater.bi.Relationship;
import io.breakwater.db.BreakwaterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TmdlModelTests {
    private static final TableColumns.Column KEY = new TableColumns.Column("area_key", "VARCHAR");

    /** The tables the measures are homed on, with the columns they name: the smallest model that builds. */
    private static List<TableColumns> measureTables() {
        List<TableColumns> tables = new ArrayList<>();
        Map<String, String[]> columns = Map.of(
                "fct_break", new String[] {"break_count", "date_key", "area_key"},
                "dim_area", new String[] {"area_key", "pipe_length_km", "area_km2"},
                "dim_date", new String[] {"date_key", "full_date"},
                "fct_climate_monthly", new String[] {"freezing_index", "t_mean", "precip_mm", "is_primary"},
                "fct_risk_score", new String[] {"expected_breaks", "is_latest", "score_month_key", "horizon_months",
                    "asset_key", "risk_class", "risk_rank", "probability"},
                "fct_model_metric", new String[] {"metric_value", "metric", "scorer", "period", "is_baseline"});
        columns.forEach((table, names) -> {
            List<TableColumns.Column> list = new ArrayList<>();
            for (String name : names) {
                list.add(new TableColumns.Column(name, name.endsWith("date") ? "DATE" : "VARCHAR"));
            }
            tables.add(new TableColumns(table, table + ".parquet", list));
        });
        return tables;
    }

    @Test
    void aRelationshipToAColumnTheExportLacksIsAnErrorNamingIt() {
        List<Relationship> relationships = List.of(new Relationship("fct_break", "area_key", "dim_area", "area_key",
                true), new Relationship("fct_break", "pipe_key", "dim_area", "area_key", true));
        TmdlModel model = new TmdlModel(measureTables(), relationships, ExportFormat.PARQUET, "C:\\bi");
        assertThatThrownBy(model::files).isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("fct_break[pipe_key]").hasMessageContaining("did not write");
    }

    @Test
    void measuresForATableTheExportLacksAreAnError() {
        List<TableColumns> tables = new ArrayList<>(measureTables());
        tables.removeIf(t -> t.table().equals("fct_model_metric"));
        TmdlModel model = new TmdlModel(tables, List.of(), ExportFormat.PARQUET, "C:\\bi");
        assertThatThrownBy(model::files).isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("fct_model_metric");
    }

    @Test
    void aColumnTypeWithoutAModelTypeIsAnErrorNamingTheColumn() {
        List<TableColumns> tables = new ArrayList<>(measureTables());
        tables.add(new TableColumns("dim_odd", "dim_odd.parquet",
                List.of(KEY, new TableColumns.Column("shape", "BLOB"))));
        TmdlModel model = new TmdlModel(tables, List.of(), ExportFormat.PARQUET, "C:\\bi");
        assertThatThrownBy(model::files).isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("dim_odd[shape]").hasMessageContaining("BLOB");
    }

    @Test
    void namesAreQuotedOnlyWhenTheyMustBeAndTextIsMQuoted() {
        assertThat(TmdlModel.name("fct_break")).isEqualTo("fct_break");
        assertThat(TmdlModel.name("Top k")).isEqualTo("'Top k'");
        assertThat(TmdlModel.name("O'Hare km²")).isEqualTo("'O''Hare km²'");
        assertThat(TmdlModel.mString("C:\\a \"b\"")).isEqualTo("\"C:\\a \"\"b\"\"\"");
    }

    @Test
    void theFolderParameterAndTheFileNameMakeThePath() {
        TmdlModel model = new TmdlModel(measureTables(), List.of(), ExportFormat.PARQUET, "\\\\server\\bi\\");
        String tmdl = model.files().get("expressions.tmdl");
        assertThat(tmdl).contains("expression BreakwaterFolder = \"\\\\server\\bi\\\" meta [IsParameterQuery = true");
        assertThat(model.files().get("tables/dim_area.tmdl"))
                .contains("File.Contents(Text.TrimEnd(BreakwaterFolder, {\"\\\", \"/\"}) & \"\\dim_area.parquet\")");
    }
}
