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

/** Writes the star tables of one store to a folder. Use {@link io.breakwater.bi.PowerBiExport}. */
public final class FolderExporter {
    public static final String PBIDS_FILE = "breakwater.pbids";
    private static final String STEP = "export powerbi";

    private final BreakwaterStore store;
    private final Path directory;
    private final ExportFormat format;
    private final ProgressListener progress;
    private final String title;

    public FolderExporter(BreakwaterStore store, Path directory, ExportFormat format, ProgressListener progress,
            String title) {
        this.store = store;
        this.directory = directory;
        this.format = format;
        this.progress = progress;
        this.title = title;
    }

    public ExportResult export() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot create export folder " + directory + ": " + e.getMessage(), e);
        }
        List<Table<?>> tables = StarSchema.exportedTables();
        progress.started(STEP, tables.size(), "tables");
        List<ExportedTable> written = new ArrayList<>();
        try {
            if (store.isDuckDb()) {
                for (Table<?> table : tables) {
                    written.add(copyOut(store.connection(), table, store.dsl().fetchCount(table)));
                    progress.progressed(STEP, written.size());
                }
            } else {
                // DuckDB writes the files: copy each table into an in-memory DuckDB database first
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                    DSLContext duckDsl = DSL.using(duck, SQLDialect.DUCKDB);
                    for (Table<?> table : tables) {
                        int rows = stage(duckDsl, table);
                        written.add(copyOut(duck, table, rows));
                        progress.progressed(STEP, written.size());
                    }
                }
            }
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL,
                    "export of " + store.location() + " to " + directory + " failed: " + e.getMessage(), e);
        }
        Path pbids = writePbids();
        Path readme = writeReadme(written);
        ExportResult result = new ExportResult(directory, format, written, pbids, readme);
        progress.finished(STEP, String.format(Locale.ROOT, "Power BI export: %d %s files, %,d rows, in %s",
                written.size(), format.extension(), result.totalRows(), directory));
        return result;
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

    private ExportedTable copyOut(Connection connection, Table<?> table, long rows) throws SQLException {
        Path file = directory.resolve(table.getName() + "." + format.extension());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot replace " + file + ": " + e.getMessage(), e);
        }
        String options = format == ExportFormat.PARQUET ? "FORMAT PARQUET, COMPRESSION ZSTD" : "FORMAT CSV, HEADER";
        try (Statement statement = connection.createStatement()) {
            // DuckDB-only bulk path: COPY renders the table straight into the file
            statement.execute("COPY (SELECT * FROM " + table.getName() + ") TO '"
                    + file.toString().replace("'", "''") + "' (" + options + ")");
        }
        try {
            return new ExportedTable(table.getName(), file, rows, Files.size(file));
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "export wrote no file " + file, e);
        }
    }

    /** A Power BI data source file (.pbids) that opens the folder connector on the export folder. */
    private Path writePbids() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "0.1");
        ObjectNode connection = root.putArray("connections").addObject();
        ObjectNode details = connection.putObject("details");
        details.put("protocol", "folder");
        details.putObject("address").put("path", directory.toString());
        connection.putObject("options");
        connection.put("mode", "Import");
        Path file = directory.resolve(PBIDS_FILE);
        try {
            Files.writeString(file, mapper.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private Path writeReadme(List<ExportedTable> written) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title == null ? "Breakwater" : title).append(": star schema for Power BI\n\n")
                .append("Written by `breakwater export powerbi` from ").append(store.location().describe())
                .append(". One ").append(format.extension()).append(" file per table:\n\n")
                .append("| table | rows | file |\n|---|---:|---|\n");
        for (ExportedTable t : written) {
            md.append("| ").append(t.table()).append(" | ").append(t.rows()).append(" | ")
                    .append(t.file().getFileName()).append(" |\n");
        }
        md.append("\n## Loading\n\n")
                .append("1. Double-click `").append(PBIDS_FILE).append("` (or Get Data > Folder and pick this folder;\n")
                .append("   if the folder moved, edit the path inside the .pbids file).\n")
                .append("2. In the folder preview choose *Transform Data*, keep the rows of the tables you want and\n")
                .append("   combine each ").append(format == ExportFormat.PARQUET ? "Parquet" : "CSV")
                .append(" file as its own query named after the file (e.g. `dim_date`).\n")
                .append("   Alternatively load each file on its own with Get Data > ")
                .append(format == ExportFormat.PARQUET ? "Parquet" : "Text/CSV").append(".\n")
                .append("3. Mark `dim_date` as the date table (Table tools > Mark as date table, column `full_date`):\n")
                .append("   it holds every day of whole years, contiguous and unique.\n")
                .append("4. Draw the relationships below (single direction, many-to-one), then add the DAX measures\n")
                .append("   of docs/powerbi.md.\n\n")
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
        Path file = directory.resolve("README.md");
        try {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
