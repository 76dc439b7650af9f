package io.breakwater.bi.internal.pbip;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report of the export in PBIR (the report's {@code definition} folder): the four dashboard pages of the offline
 * report (trends and seasonality; environmental and geotechnical drivers; hotspots on a map; risk ranking with the
 * model card's facts), each visual bound to columns and measures of {@link TmdlModel}.
 */
public final class PbirReport {
    static final String SCHEMAS = "https://developer.microsoft.com/json-schemas/fabric/item/report/definition/";
    static final String REPORT_SCHEMA = SCHEMAS + "report/3.3.0/schema.json";
    static final String PAGE_SCHEMA = SCHEMAS + "page/2.1.0/schema.json";
    static final String PAGES_SCHEMA = SCHEMAS + "pagesMetadata/1.1.0/schema.json";
    static final String VISUAL_SCHEMA = SCHEMAS + "visualContainer/2.9.0/schema.json";
    static final String VERSION_SCHEMA = SCHEMAS + "versionMetadata/1.0.0/schema.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A field a visual shows: a column of a table, or a measure homed on a table. */
    public record Field(String table, String name, boolean measure) {
        static Field column(String table, String name) {
            return new Field(table, name, false);
        }

        static Field measure(String table, String name) {
            return new Field(table, name, true);
        }
    }

    /** One visual: its type, place, title and the fields per data role. */
    public record Visual(String name, String type, int x, int y, int width, int height, String title,
            Map<String, List<Field>> roles) {
    }

    /** One page and its visuals. */
    public record Page(String name, String displayName, List<Visual> visuals) {
    }

    /** The four pages. */
    public static List<Page> pages() {
        return List.of(trends(), drivers(), hotspots(), risk());
    }

    private static Page trends() {
        return new Page("trends", "Trends and seasonality", List.of(
                card("asOf", 10, "Data as of", Field.measure("fct_break", "Data as of")),
                card("last12", 430, "Breaks, last 12 months", Field.measure("fct_break", "Breaks last 12 months")),
                card("previous12", 850, "Breaks, 12 months before",
                        Field.measure("fct_break", "Breaks previous 12 months")),
                chart("monthly", "lineChart", 10, 120, 820, 590, "Breaks per month",
                        Field.column("dim_date", "year_month"), Field.measure("fct_break", "Breaks")),
                chart("byMonth", "clusteredColumnChart", 840, 120, 430, 290, "Seasonality: breaks by month of year",
                        Field.column("dim_date", "month_short"), Field.measure("fct_break", "Breaks")),
                chart("bySeason", "clusteredColumnChart", 840, 420, 430, 290, "Breaks by season",
                        Field.column("dim_date", "season"), Field.measure("fct_break", "Breaks"))));
    }

    private static Page drivers() {
        return new Page("drivers", "Environmental and geotechnical drivers", List.of(
                new Visual("frost", "lineClusteredColumnComboChart", 10, 10, 1260, 340,
                        "Breaks per month against the freezing index", roles(List.of("Category", "Y", "Y2"),
                                Field.column("dim_date", "year_month"), Field.measure("fct_break", "Breaks"),
                                Field.measure("fct_climate_monthly", "Freezing index"))),
                chart("corrosivity", "clusteredColumnChart", 10, 360, 620, 350, "Breaks by soil corrosivity class",
                        Field.column("dim_soil_zone", "corrosivity_class"), Field.measure("fct_break", "Breaks")),
                chart("shrinkSwell", "clusteredColumnChart", 650, 360, 620, 350,
                        "Breaks by soil shrink-swell class",
                        Field.column("dim_soil_zone", "shrink_swell_class"), Field.measure("fct_break", "Breaks"))));
    }

    private static Page hotspots() {
        return new Page("hotspots", "Hotspots", List.of(
                new Visual("map", "azureMap", 10, 10, 800, 700, "Breaks per km² by area",
                        roles(List.of("Category", "X", "Y", "Size"), Field.column("dim_area", "area_name"),
                                Field.column("dim_area", "centroid_lon"), Field.column("dim_area", "centroid_lat"),
                                Field.measure("fct_break", "Breaks per km²"))),
                table("areas", 820, 10, 450, 700, "Areas",
                        Field.column("dim_area", "area_name"), Field.measure("fct_break", "Breaks"),
                        Field.measure("fct_break", "Breaks per km²"), Field.measure("fct_break", "Breaks per km"),
                        Field.measure("fct_risk_score", "Expected breaks"))));
    }

    private static Page risk() {
        Map<String, List<Field>> slicer = Map.of("Values", List.of(Field.column(TmdlModel.TOP_K_TABLE, "k")));
        return new Page("risk", "Risk ranking and model card", List.of(
                card("expected", 10, "Expected breaks (latest scores)",
                        Field.measure("fct_risk_score", "Expected breaks")),
                card("actualVsExpected", 330, "Actual against expected",
                        Field.measure("fct_risk_score", "Actual against expected")),
                card("topShare", 650, "Share of breaks in the top k %",
                        Field.measure("fct_model_metric", "Share of breaks in top k%")),
                new Visual("topK", "slicer", 970, 10, 300, 100, "k (%)", slicer),
                table("ranking", 10, 120, 760, 590, "Risk ranking (latest scores)",
                        Field.column("dim_asset", "asset_key"), Field.column("dim_asset", "material"),
                        Field.measure("fct_risk_score", "Latest risk rank"),
                        Field.measure("fct_risk_score", "Expected breaks"),
                        Field.measure("fct_risk_score", "Latest probability")),
                table("modelCard", 780, 120, 490, 590, "Model card",
                        Field.column("dim_model", "name"), Field.column("dim_model", "algorithm"),
                        Field.column("dim_model", "horizon_months"), Field.column("dim_model", "cutoff_month"),
                        Field.measure("fct_model_metric", "Share of breaks in top k%"),
                        Field.measure("fct_model_metric", "Strongest baseline share"),
                        Field.measure("fct_model_metric", "Lift over strongest baseline"))));
    }

    private static Visual card(String name, int x, String title, Field value) {
        return new Visual(name, "card", x, 10, 410, 100, title, Map.of("Values", List.of(value)));
    }

    private static Visual chart(String name, String type, int x, int y, int w, int h, String title, Field category,
            Field value) {
        return new Visual(name, type, x, y, w, h, title, roles(List.of("Category", "Y"), category, value));
    }

    /** Data roles in order, one field each: the i-th role shows the i-th field. */
    private static Map<String, List<Field>> roles(List<String> roles, Field... fields) {
        Map<String, List<Field>> byRole = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            byRole.put(roles.get(i), List.of(fields[i]));
        }
        return byRole;
    }

    private static Visual table(String name, int x, int y, int w, int h, String title, Field... values) {
        return new Visual(name, "tableEx", x, y, w, h, title, Map.of("Values", List.of(values)));
    }

    /** The files of the report's {@code definition} folder, by path relative to it. */
    public SortedMap<String, ObjectNode> files() {
        SortedMap<String, ObjectNode> files = new TreeMap<>();
        ObjectNode version = JSON.objectNode().put("$schema", VERSION_SCHEMA).put("version", "2.0.0");
        files.put("version.json", version);
        ObjectNode report = JSON.objectNode().put("$schema", REPORT_SCHEMA);
        report.putObject("themeCollection");
        report.putObject("settings").put("useStylableVisualContainerHeader", true)
                .put("defaultDrillFilterOtherVisuals", true);
        files.put("report.json", report);
        ObjectNode pages = JSON.objectNode().put("$schema", PAGES_SCHEMA);
        ArrayNode order = pages.putArray("pageOrder");
        List<Page> all = pages();
        all.forEach(p -> order.add(p.name()));
        pages.put("activePageName", all.get(0).name());
        files.put("pages/pages.json", pages);
        for (Page page : all) {
            ObjectNode json = JSON.objectNode().put("$schema", PAGE_SCHEMA).put("name", page.name())
                    .put("displayName", page.displayName()).put("displayOption", "FitToPage")
                    .put("height", 720).put("width", 1280);
            files.put("pages/" + page.name() + "/page.json", json);
            int z = 0;
            for (Visual visual : page.visuals()) {
                files.put("pages/" + page.name() + "/visuals/" + visual.name() + "/visual.json", visual(visual, z));
                z += 1000;
            }
        }
        return files;
    }

    private static ObjectNode visual(Visual v, int z) {
        ObjectNode json = JSON.objectNode().put("$schema", VISUAL_SCHEMA).put("name", v.name());
        json.putObject("position").put("x", v.x()).put("y", v.y()).put("z", z).put("height", v.height())
                .put("width", v.width()).put("tabOrder", z);
        ObjectNode visual = json.putObject("visual").put("visualType", v.type());
        ObjectNode state = visual.putObject("query").putObject("queryState");
        for (Map.Entry<String, List<Field>> role : v.roles().entrySet()) {
            ArrayNode projections = state.putObject(role.getKey()).putArray("projections");
            for (Field f : role.getValue()) {
                ObjectNode projection = projections.addObject();
                ObjectNode ref = projection.putObject("field").putObject(f.measure() ? "Measure" : "Column");
                ref.putObject("Expression").putObject("SourceRef").put("Entity", f.table());
                ref.put("Property", f.name());
                projection.put("queryRef", f.table() + "." + f.name()).put("nativeQueryRef", f.name());
            }
        }
        ObjectNode title = visual.putObject("visualContainerObjects").putArray("title").addObject()
                .putObject("properties");
        title.putObject("show").putObject("expr").putObject("Literal").put("Value", "true");
        title.putObject("text").putObject("expr").putObject("Literal")
                .put("Value", "'" + v.title().replace("'", "''") + "'");
        visual.put("drillFilterOtherVisuals", true);
        return json;
    }
}
