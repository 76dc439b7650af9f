package io.breakwater.db;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.Cursor;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Writes tables of a store, or the rows of a query on it, to CSV or Parquet files, for tools that read files rather
 * than a database: one table by name ({@link #writeTable}), or any query ({@link #write}, which {@code ml-core}'s
 * score export uses for its scores joined to their models). On DuckDB the store writes the file itself
 * ({@code COPY ... TO}); other stores are read through jOOQ, written as CSV, and converted to Parquet by an in-memory
 * DuckDB.
 */
public final class TableExport {
    /** File formats. */
    public enum Format {
        CSV, PARQUET;

        /** The file name extension, without the dot: "csv" or "parquet". */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format of {@code text} ("csv" or "parquet", any case); anything else is refused. */
        public static Format parse(String text) {
            String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                            "unknown export format '" + text + "': expected csv or parquet"));
        }
    }

    /** One file written: what it holds, where, and how many rows. */
    public record Written(String name, Path file, long rows) {
    }

    private final BreakwaterStore store;
    private final Format format;

    private TableExport(BreakwaterStore store, Format format) {
        this.store = store;
        this.format = format;
    }

    /** An export of {@code store}'s rows in {@code format}. */
    public static TableExport of(BreakwaterStore store, Format format) {
        return new TableExport(store, format);
    }

    /** The format files are written in. */
    public Format format() {
        return format;
    }

    /**
     * Writes every row of one table of the store to {@code file}. The name is looked up among the store's own tables
     * (case-insensitively) and only that table's name, quoted, reaches the query; an unknown name is refused with the
     * list of the tables there.
     */
    public Written writeTable(String table, Path file) {
        List<String> tables = tables();
        String name = tables.stream().filter(t -> t.equalsIgnoreCase(table == null ? "" : table.trim())).findFirst()
                .orElseThrow(() -> new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "table '" + table
                        + "' is not in " + store.location() + ": expected one of " + String.join(", ", tables)));
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot write table " + name + " to "
                    + target + ": it is a folder; expected a file path");
        }
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot create the folder of " + target
                    + ": " + e.getMessage(), e);
        }
        return write(name, store.dsl().select(DSL.asterisk()).from(DSL.table(DSL.name(name))), target);
    }

    /** The store's tables, by name, sorted. */
    public List<String> tables() {
        return store.dsl().meta().getTables().stream()
                .filter(t -> t.getTableType() == null || t.getTableType().isTable())
                .map(Table::getName).distinct().sorted().toList();
    }

    /** {@code folder/name.EXT} for this export's format, absolute. */
    public Path file(Path folder, String name) {
        return folder.resolve(name + "." + format.extension()).toAbsolutePath();
    }

    /** Writes the rows of {@code query} to {@code file} (replaced), in an existing folder; {@code name} names them. */
    public Written write(String name, Select<? extends Record> query, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        long rows = store.dsl().fetchCount(query);
        try {
            Files.deleteIfExists(file);
            if (store.isDuckDb()) {
                copy(store.connection(), store.dsl().renderInlined(query), file);
            } else if (format == Format.CSV) {
                writeCsv(query, file);
            } else {
                Path csv = Files.createTempFile(folder, name, ".csv");
                try {
                    writeCsv(query, csv);
                    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                        copy(duck, "SELECT * FROM read_csv('" + literal(csv) + "', header = true)", file);
                    }
                } finally {
                    Files.deleteIfExists(csv);
                }
            }
        } catch (IOException | SQLException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot write " + name + " to " + file
                    + ": " + e.getMessage(), e);
        }
        return new Written(name, file, rows);
    }

    private void copy(Connection connection, String select, Path file) throws SQLException {
        String options = format == Format.PARQUET ? "FORMAT PARQUET, COMPRESSION ZSTD" : "FORMAT CSV, HEADER";
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + literal(file) + "' (" + options + ")");
        }
    }

    private void writeCsv(Select<? extends Record> query, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                Cursor<? extends Record> cursor = store.dsl().fetchLazy(query)) {
            List<String> header = new ArrayList<>();
            for (var f : cursor.fields()) {
                header.add(f.getName());
            }
            w.write(String.join(",", header) + "\n");
            for (Record r : cursor) {
                List<String> cells = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    cells.add(cell(r.get(i)));
                }
                w.write(String.join(",", cells) + "\n");
            }
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : v.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String literal(Path file) {
        return file.toString().replace("'", "''");
    }
}
