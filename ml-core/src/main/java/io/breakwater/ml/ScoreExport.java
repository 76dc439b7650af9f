package io.breakwater.ml;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
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
import java.util.List;
import java.util.Locale;
import org.jooq.Cursor;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Writes the risk scores and the per-asset back-test scores of a store to CSV or Parquet files, for tools that read
 * files rather than a database (and for an independent check of the evaluation):
 * <ul>
 *   <li>{@code risk_scores}: every row of {@code pipe_break_risk_scores} with its model's feature set, target and
 *       grain;</li>
 *   <li>{@code backtest_scores}: every row of {@code evaluation_backtest_scores} (evaluation, test year, asset, score,
 *       score per km, ranks, observed breaks, ranker) with its evaluation's feature set, target and grain.</li>
 * </ul>
 * Any other table of the store can be written the same way, one file per table ({@link #writeTable}).
 * On DuckDB the store writes the files itself; other stores are read through jOOQ, written as CSV, and converted to
 * Parquet by an in-memory DuckDB.
 */
public final class ScoreExport {
    /** File formats. */
    public enum Format {
        CSV("csv"), PARQUET("parquet");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.extension.equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return f;
                }
            }
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "unknown score export format '" + text
                    + "': expected csv or parquet");
        }
    }

    /** One file written. */
    public record Written(String name, Path file, long rows) {
    }

    private final BreakwaterStore store;
    private final Format format;

    private ScoreExport(BreakwaterStore store, Format format) {
        this.store = store;
        this.format = format;
    }

    public static ScoreExport of(BreakwaterStore store, Format format) {
        return new ScoreExport(store, format);
    }

    /** Writes {@code risk_scores} and {@code backtest_scores} files into {@code folder} (created when needed). */
    public List<Written> writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot create the score export folder "
                    + folder + ": " + e.getMessage(), e);
        }
        List<Written> out = new ArrayList<>();
        out.add(write("risk_scores", riskScores(), file(folder, "risk_scores")));
        out.add(write("backtest_scores", backtestScores(), file(folder, "backtest_scores")));
        return out;
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

    private Path file(Path folder, String name) {
        return folder.resolve(name + "." + format.extension()).toAbsolutePath();
    }

    private Select<Record> riskScores() {
        List<SelectField<?>> fields = new ArrayList<>(List.of(PIPE_BREAK_RISK_SCORES.fields()));
        fields.addAll(List.of(MODEL_REGISTRY.FEATURE_SET_ID, MODEL_REGISTRY.TARGET, MODEL_REGISTRY.GRAIN));
        return store.dsl().select(fields).from(PIPE_BREAK_RISK_SCORES).join(MODEL_REGISTRY)
                .on(MODEL_REGISTRY.MODEL_ID.eq(PIPE_BREAK_RISK_SCORES.MODEL_ID))
                .orderBy(PIPE_BREAK_RISK_SCORES.MODEL_ID, PIPE_BREAK_RISK_SCORES.SCORE_MONTH,
                        PIPE_BREAK_RISK_SCORES.RISK_RANK);
    }

    private Select<Record> backtestScores() {
        List<SelectField<?>> fields = new ArrayList<>(List.of(EVALUATION_BACKTEST_SCORES.fields()));
        fields.addAll(List.of(MODEL_EVALUATIONS.FEATURE_SET_ID, MODEL_EVALUATIONS.TARGET, MODEL_EVALUATIONS.GRAIN));
        return store.dsl().select(fields).from(EVALUATION_BACKTEST_SCORES).join(MODEL_EVALUATIONS)
                .on(MODEL_EVALUATIONS.EVALUATION_ID.eq(EVALUATION_BACKTEST_SCORES.EVALUATION_ID))
                .orderBy(EVALUATION_BACKTEST_SCORES.EVALUATION_ID, EVALUATION_BACKTEST_SCORES.TEST_YEAR,
                        EVALUATION_BACKTEST_SCORES.SCORE_RANK);
    }

    private Written write(String name, Select<Record> query, Path file) {
        Path folder = file.getParent();
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

    private void writeCsv(Select<Record> query, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                Cursor<Record> cursor = store.dsl().fetchLazy(query)) {
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
