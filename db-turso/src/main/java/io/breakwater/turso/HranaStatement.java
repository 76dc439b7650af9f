package io.breakwater.turso;

import java.util.List;
import java.util.Objects;

/**
 * One SQL statement with positional arguments ({@code ?}), as sent to a Turso database.
 *
 * @param sql  the statement, in SQLite syntax
 * @param args the positional arguments
 */
public record HranaStatement(String sql, List<HranaValue> args) {
    public HranaStatement {
        Objects.requireNonNull(sql, "sql");
        args = List.copyOf(args);
    }

    public static HranaStatement of(String sql, HranaValue... args) {
        return new HranaStatement(sql, List.of(args));
    }

    /** The start of the statement, for messages (never its arguments, which may be large or private). */
    public String describe() {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
