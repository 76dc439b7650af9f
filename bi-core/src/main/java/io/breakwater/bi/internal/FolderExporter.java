package io.breakwater.bi.internal;

import io.breakwater.db.BulkRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.bi.ExportFormat;
import io.breakwater.bi.ExportResult;
import io.breakwater.bi.ExportedTable;
import io.breakwater.bi.Relationship;
import io.breakwater.bi.StarSchema;
import io.breakwater.bi.internal.pbip.PbipProject;
import io.breakwater.bi.internal.pbip.PbirReport;
import io.breakwater.bi.internal.pbip.TableColumns;
import io.breakwater.bi.internal.pbip.TmdlModel;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Writes the star tables of one store to a folder, with a .pbids file, a Power BI project and a README. The folder is
 * written aside and renamed into place ({@link SnapshotFolder}): every file goes to the work folder beside
 * {@code directory} until the snapshot is committed. Use {@link io.breakwater.bi.PowerBiExport}.
 *
 * @param powerBiFolder the folder as the Power BI machine sees it, or null when unknown (the .pbids then holds a
 *                      relative path and the model's folder parameter the export folder's path here)
 */
public record FolderExporter(BreakwaterStore store, Path directory, ExportFormat format, ProgressListener progress,
        String title, String powerBiFolder) {
    public static final String PBIDS_FILE = "breakwater.pbids";
    private static final String STEP = "export powerbi";

    public ExportResult export() {
        SnapshotFolder snapshot = SnapshotFolder.aside(directory, PBIDS_FILE);
        try {
            ExportResult result = writeAll(snapshot.work());
            snapshot.commit();
            progress.finished(STEP, String.format(Locale.ROOT, "Power BI export: %d %s files, %,d rows, in %s",
                    result.tables().size(), format.extension(), result.totalRows(), directory));
            return result;
        } catch (RuntimeException e) {
            snapshot.abandon();
            throw e;
        }
    }

    private ExportResult writeAll(Path work) {
        List<Table<?>> tables = StarSchema.exportedTables();
        progress.started(STEP, tables.size(), "tables");
        List<ExportedTable> written = new ArrayList<>();
        List<TableColumns> columns = new ArrayList<>();
        try {
            if (store.isDuckDb()) {
                for (Table<?> table : tables) {
                    written.add(copyOut(work, store.connection(), table, store.dsl().fetchCount(table), columns));
                    progress.progressed(STEP, written.size());
                }
            } else {
                // DuckDB writes the files: copy each table into an in-memory DuckDB database first
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                    DSLContext duckDsl = DSL.using(duck, SQLDialect.DUCKDB);
                    for (Table<?> table : tables) {
                        int rows = stage(duckDsl, table);
                        written.add(copyOut(work, duck, table, rows, columns));
                        progress.progressed(STEP, written.size());
                    }
                }
            }
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL,
                    "export of " + store.location() + " to " + directory + " failed: " + e.getMessage(), e);
        }
        String folderForModel = powerBiFolder != null ? powerBiFolder : directory.toString();
        TmdlModel model = new TmdlModel(columns, Relationship.all(), format, folderForModel);
        new PbipProject(model, new PbirReport(), title).writeTo(work);
        writePbids(work);
        writeReadme(work, written);
        return new ExportResult(directory, format, written, directory.resolve(PBIDS_FILE),
                directory.resolve("README.md"), directory.resolve(PbipProject.PBIP_FILE));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int stage(DSLContext duckDsl, Table<?> table) {
        // plain DuckDB types: the generated field types carry H2's precisions (timestamp(6)), which DuckDB refuses
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> f : table.fields()) {
            columns.add(DSL.field(DSL.name(f.getName()), plainType(f.getType())));
        }
        duckDsl.createTable(table.getName()).columns(columns).execute();
        List rows = store.dsl().selectFrom(table).fetch();
        BulkRows.insert(duckDsl, (Table) table, (List<TableRecord>) rows);
        return rows.size();
    }

    private static DataType<?> plainType(Class<?> type) {
        if (type == String.class) {
            return SQLDataType.VARCHAR;
        } else if (type == Integer.class) {
            return SQLDataType.INTEGER;
        } else if (type == Long.class) {
            return SQLDataType.BIGINT;
        } else if (type == Double.class) {
            return SQLDataType.DOUBLE;
        } else if (type == Boolean.class) {
            return SQLDataType.BOOLEAN;
        } else if (type == java.time.LocalDate.class) {
            return SQLDataType.DATE;
        } else if (type == java.time.LocalDateTime.class) {
            return SQLDataType.TIMESTAMP;
        }
        throw new IllegalStateException("no DuckDB type for " + type.getName());
    }

    private ExportedTable copyOut(Path work, Connection connection, Table<?> table, long rows,
            List<TableColumns> columns) throws SQLException {
        String fileName = table.getName() + "." + format.extension();
        Path file = work.resolve(fileName);
        // Snappy: the Parquet codec Power BI's Parquet connector is documented to read (as do Spark, Arrow, DuckDB)
        String options = format == ExportFormat.PARQUET ? "FORMAT PARQUET, COMPRESSION SNAPPY" : "FORMAT CSV, HEADER";
        String literal = "'" + file.toString().replace("'", "''") + "'";
        try (Statement statement = connection.createStatement()) {
            // DuckDB-only bulk path: COPY renders the table straight into the file
            statement.execute("COPY (SELECT * FROM " + table.getName() + ") TO " + literal + " (" + options + ")");
            // the model is generated from the columns the file holds (CSV has no types: describe the query instead)
            String described = format == ExportFormat.PARQUET ? "read_parquet(" + literal + ")" : table.getName();
            List<TableColumns.Column> fileColumns = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM " + described)) {
                while (rs.next()) {
                    fileColumns.add(new TableColumns.Column(rs.getString("column_name"), rs.getString("column_type")));
                }
            }
            columns.add(new TableColumns(table.getName(), fileName, fileColumns));
        }
        try {
            return new ExportedTable(table.getName(), directory.resolve(fileName), rows, Files.size(file));
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "export wrote no file " + file, e);
        }
    }

    /**
     * A Power BI data source file (.pbids) that opens the folder connector on the export folder: the folder as the
     * Power BI machine sees it when known, else a path relative to the .pbids file itself, never the exporting
     * machine's absolute path.
     */
    private void writePbids(Path work) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "0.1");
        ObjectNode connection = root.putArray("connections").addObject();
        ObjectNode details = connection.putObject("details");
        details.put("protocol", "folder");
        details.putObject("address").put("path", powerBiFolder != null ? powerBiFolder : ".");
        connection.putObject("options");
        connection.put("mode", "Import");
        Path file = work.resolve(PBIDS_FILE);
        try {
            Files.writeString(file, mapper.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeReadme(Path work, List<ExportedTable> written) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title == null ? "Breakwater" : title).append(": star schema for Power BI\n\n")
                .append("Written by `breakwater export powerbi` from ").append(store.location().describe())
                .append(". One ").append(format.extension()).append(" file per table:\n\n")
                .append("| table | rows | file |\n|---|---:|---|\n");
        for (ExportedTable t : written) {
            md.append("| ").append(t.table()).append(" | ").append(t.rows()).append(" | ")
                    .append(t.file().getFileName()).append(" |\n");
        }
        md.append("\n## Opening it in Power BI\n\n")
                .append("- **The project** (model, relationships, measures and four report pages ready): open `")
                .append(PbipProject.PBIP_FILE).append("` in Power BI Desktop.\n")
                .append("  If this folder is not where Power BI sees it, set the parameter `")
                .append(TmdlModel.FOLDER_PARAMETER).append("` (Transform data > Edit parameters)\n")
                .append("  to the folder's path, then refresh. The project is rewritten by each export: save your own\n")
                .append("  changes as a copy outside this folder.\n")
                .append("- **The minimal route**: double-click `").append(PBIDS_FILE)
                .append("` (the Folder connector on this folder), combine each\n  ")
                .append(format == ExportFormat.PARQUET ? "Parquet" : "CSV")
                .append(" file as its own query named after the file, mark `dim_date` as the date table\n")
                .append("  (column `full_date`) and draw the relationships below; or Get Data > ")
                .append(format == ExportFormat.PARQUET ? "Parquet" : "Text/CSV").append(" per file.\n\n")
                .append("The folder is replaced whole by each export (written aside, then renamed): keep nothing of\n")
                .append("your own in it.\n\n")
                .append("## Relationships\n\n| from (many) | to (one) | active |\n|---|---|---|\n");
        for (Relationship r : Relationship.all()) {
            md.append("| ").append(r.fromTable()).append("[").append(r.fromColumn()).append("] | ")
                    .append(r.toTable()).append("[").append(r.toColumn()).append("] | ")
                    .append(r.active() ? "yes" : "no (use USERELATIONSHIP)").append(" |\n");
        }
        md.append("\nKeys are stable across refreshes: natural ids of the source rows, and yyyymmdd integers for dates\n")
                .append("(`month_key` and `score_month_key` point at the first day of their month).\n");
        md.append("\n## Sources and attribution\n\n");
        Attributions.Declared declared = Attributions.read(store.dsl());
        if (declared.texts().isEmpty()) {
            md.append("No source in this store declares an attribution (the `attribution:` key of a source mapping).\n");
        } else {
            md.append("Credit these wherever the data or what is derived from it is shown:\n\n");
            declared.texts().forEach(t -> md.append("- ").append(t).append('\n'));
        }
        if (!declared.texts().isEmpty() && !declared.undeclared().isEmpty()) {
            md.append("\nNo attribution declared for: ").append(String.join(", ", declared.undeclared())).append(".\n");
        }
        Path file = work.resolve("README.md");
        try {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
