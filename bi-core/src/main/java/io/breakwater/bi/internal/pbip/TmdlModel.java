package io.breakwater.bi.internal.pbip;

import io.breakwater.bi.ExportFormat;
import io.breakwater.bi.Relationship;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The semantic model of the export in TMDL: one import table per exported file, read through the Power Query
 * parameter {@value #FOLDER_PARAMETER} (so the folder can move), every relationship of {@link Relationship#all()}
 * between the exported columns, {@code dim_date} marked as the date table, and the measures of
 * {@code measures.tmdl}. Generated from the columns the files actually hold; a relationship or measure table that the
 * export lacks is an error, never silently dropped.
 */
public final class TmdlModel {
    /** The Power Query parameter holding the export folder. */
    public static final String FOLDER_PARAMETER = "BreakwaterFolder";
    /** The date table and its date column (Power BI's "Mark as date table"). */
    public static final String DATE_TABLE = "dim_date";
    public static final String DATE_COLUMN = "full_date";
    /** The disconnected table that picks k in "share of breaks in the top k %" ({@code top_k.tmdl}). */
    public static final String TOP_K_TABLE = "Top k";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, String> SORT_BY = Map.of("month_name", "month_of_year",
            "month_short", "month_of_year", "day_name", "day_of_week", "quarter_label", "quarter");
    private static final Map<String, String> GEO_CATEGORY = Map.of("centroid_lat", "Latitude",
            "centroid_lon", "Longitude", "lat", "Latitude", "lon", "Longitude");

    private final List<TableColumns> tables;
    private final List<Relationship> relationships;
    private final ExportFormat format;
    private final String folder;

    /**
     * @param tables        the exported tables with their columns
     * @param relationships the relationships to draw (the star schema's)
     * @param format        the files' format
     * @param folder        the default value of the folder parameter: the folder as Power BI sees it
     */
    public TmdlModel(List<TableColumns> tables, List<Relationship> relationships, ExportFormat format, String folder) {
        this.tables = List.copyOf(tables);
        this.relationships = List.copyOf(relationships);
        this.format = Objects.requireNonNull(format, "format");
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The files of the model's {@code definition} folder, by path relative to it (forward slashes). */
    public SortedMap<String, String> files() {
        Map<String, String> measures = measureBlocks();
        SortedMap<String, String> files = new TreeMap<>();
        files.put("database.tmdl", "database\n\tcompatibilityLevel: 1567\n\n");
        files.put("model.tmdl", model());
        files.put("expressions.tmdl", expressions());
        files.put("relationships.tmdl", relationships());
        for (TableColumns table : tables) {
            files.put("tables/" + table.table() + ".tmdl", table(table, measures.remove(table.table())));
        }
        if (!measures.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INTERNAL,
                    "Power BI model: measures for tables the export did not write: " + measures.keySet());
        }
        files.put("tables/" + TOP_K_TABLE + ".tmdl", resource("top_k.tmdl"));
        return files;
    }

    private String model() {
        StringBuilder t = new StringBuilder("model Model\n")
                .append("\tculture: en-US\n")
                .append("\tdefaultPowerBIDataSourceVersion: powerBI_V3\n")
                .append("\tdiscourageImplicitMeasures\n")
                .append("\tsourceQueryCulture: en-US\n")
                .append("\tdataAccessOptions\n\t\tlegacyRedirects\n\t\treturnErrorValuesAsNull\n\n");
        List<String> order = new ArrayList<>();
        order.add('"' + FOLDER_PARAMETER + '"');
        tables.forEach(table -> order.add('"' + table.table() + '"'));
        t.append("annotation PBI_QueryOrder = [").append(String.join(",", order)).append("]\n\n");
        t.append("annotation __PBI_TimeIntelligenceEnabled = 0\n\n");
        for (TableColumns table : tables) {
            t.append("ref table ").append(name(table.table())).append('\n');
        }
        t.append("ref table ").append(name(TOP_K_TABLE)).append('\n');
        return t.append('\n').toString();
    }

    private String expressions() {
        return "/// The folder holding the exported files, as the Power BI machine sees it. Change it in Transform "
                + "data > Edit parameters when the folder moves.\n"
                + "expression " + FOLDER_PARAMETER + " = " + mString(folder)
                + " meta [IsParameterQuery = true, Type = \"Text\", IsParameterQueryRequired = true]\n"
                + "\tannotation PBI_ResultType = Text\n\n";
    }

    private String relationships() {
        StringBuilder t = new StringBuilder();
        for (Relationship r : relationships) {
            column(r.fromTable(), r.fromColumn(), r);
            column(r.toTable(), r.toColumn(), r);
            String id = UUID.nameUUIDFromBytes((r.fromTable() + "." + r.fromColumn() + "->" + r.toTable() + "."
                    + r.toColumn()).getBytes(StandardCharsets.UTF_8)).toString();
            t.append("relationship ").append(id).append('\n');
            if (!r.active()) {
                t.append("\tisActive: false\n");
            }
            t.append("\tfromColumn: ").append(name(r.fromTable())).append('.').append(name(r.fromColumn())).append('\n')
                    .append("\ttoColumn: ").append(name(r.toTable())).append('.').append(name(r.toColumn()))
                    .append("\n\n");
        }
        return t.toString();
    }

    private void column(String table, String column, Relationship r) {
        boolean found = tables.stream().anyMatch(t -> t.table().equals(table) && t.has(column));
        if (!found) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "Power BI model: relationship " + r.fromTable() + "["
                    + r.fromColumn() + "] -> " + r.toTable() + "[" + r.toColumn() + "] names " + table + "["
                    + column + "], which the export did not write");
        }
    }

    private String table(TableColumns table, String measureBlock) {
        StringBuilder t = new StringBuilder("table ").append(name(table.table())).append('\n');
        boolean isDateTable = table.table().equals(DATE_TABLE);
        if (isDateTable) {
            t.append("\tdataCategory: Time\n");
        }
        t.append('\n');
        if (measureBlock != null) {
            t.append(measureBlock);
        }
        for (TableColumns.Column c : table.columns()) {
            Type type = Type.of(table, c);
            t.append("\tcolumn ").append(name(c.name())).append('\n')
                    .append("\t\tdataType: ").append(type.tmdl).append('\n');
            if (isDateTable && c.name().equals(DATE_COLUMN)) {
                t.append("\t\tisKey\n");
            }
            if (type.format != null) {
                t.append("\t\tformatString: ").append(type.format).append('\n');
            }
            t.append("\t\tsummarizeBy: none\n");
            t.append("\t\tsourceColumn: ").append(c.name()).append('\n');
            String sortBy = SORT_BY.get(c.name());
            if (sortBy != null && table.has(sortBy)) {
                t.append("\t\tsortByColumn: ").append(name(sortBy)).append('\n');
            }
            String geo = GEO_CATEGORY.get(c.name());
            if (geo != null) {
                t.append("\t\tdataCategory: ").append(geo).append('\n');
            }
            t.append('\n');
        }
        t.append("\tpartition ").append(name(table.table())).append(" = m\n")
                .append("\t\tmode: import\n")
                .append("\t\tsource =\n");
        for (String line : partitionSource(table).split("\n")) {
            t.append("\t\t\t\t").append(line).append('\n');
        }
        return t.append('\n').toString();
    }

    /** The Power Query (M) of one table: its file in the folder parameter, with the exported column types. */
    String partitionSource(TableColumns table) {
        String file = "File.Contents(Text.TrimEnd(" + FOLDER_PARAMETER + ", {\"\\\", \"/\"}) & " + mString("\\"
                + table.file()) + ")";
        String read = format == ExportFormat.PARQUET
                ? "Parquet.Document(" + file + ")"
                : "Table.PromoteHeaders(Csv.Document(" + file
                        + ", [Delimiter = \",\", Encoding = 65001, QuoteStyle = QuoteStyle.Csv]), "
                        + "[PromoteAllScalars = true])";
        List<String> types = new ArrayList<>();
        for (TableColumns.Column c : table.columns()) {
            types.add("{" + mString(c.name()) + ", " + Type.of(table, c).m + "}");
        }
        return "let\n"
                + "    Source = " + read + ",\n"
                + "    Typed = Table.TransformColumnTypes(Source, {" + String.join(", ", types) + "}, \"en-US\")\n"
                + "in\n"
                + "    Typed";
    }

    /** The measure blocks of {@code measures.tmdl}, by table, each already indented for its table file. */
    static Map<String, String> measureBlocks() {
        Map<String, String> blocks = new LinkedHashMap<>();
        String current = null;
        StringBuilder block = new StringBuilder();
        for (String line : resource("measures.tmdl").split("\n", -1)) {
            if (line.startsWith("table ")) {
                if (current != null) {
                    blocks.put(current, block.toString());
                }
                current = line.substring("table ".length()).strip();
                block = new StringBuilder();
            } else if (current != null && !line.isBlank()) {
                block.append(line).append('\n');
            } else if (current != null && block.length() > 0) {
                block.append('\n');
            }
        }
        if (current != null) {
            blocks.put(current, block.toString());
        }
        return blocks;
    }

    static String resource(String name) {
        try (InputStream in = TmdlModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** A TMDL object name, quoted when it is not a plain identifier. */
    static String name(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "'" + name.replace("'", "''") + "'";
    }

    /** An M text literal. */
    static String mString(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** The TMDL data type, format and Power Query type of a DuckDB column type. */
    private enum Type {
        TEXT("string", null, "type text"),
        INTEGER("int64", "0", "Int64.Type"),
        DECIMAL("double", null, "type number"),
        BOOLEAN("boolean", null, "type logical"),
        DATE("dateTime", "yyyy-mm-dd", "type date"),
        TIMESTAMP("dateTime", "yyyy-mm-dd hh:nn:ss", "type datetime");

        final String tmdl;
        final String format;
        final String m;

        Type(String tmdl, String format, String m) {
            this.tmdl = tmdl;
            this.format = format;
            this.m = m;
        }

        static Type of(TableColumns table, TableColumns.Column c) {
            String duck = c.duckType().toUpperCase(Locale.ROOT);
            return switch (duck) {
                case "VARCHAR" -> TEXT;
                case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> INTEGER;
                case "FLOAT", "DOUBLE" -> DECIMAL;
                case "BOOLEAN" -> BOOLEAN;
                case "DATE" -> DATE;
                case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> TIMESTAMP;
                default -> throw new BreakwaterException(ErrorCode.INTERNAL, "Power BI model: column " + table.table()
                        + "[" + c.name() + "] has type " + c.duckType() + ", which the model has no type for");
            };
        }
    }
}
