package io.breakwater.bi;

import io.breakwater.db.TableSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a star-schema refresh wrote.
 *
 * @param refreshedAt when the refresh ran (from the caller's clock)
 * @param firstYear   first year of {@code dim_date}
 * @param lastYear    last year of {@code dim_date}
 * @param tables      every star and dashboard table with the rows it now holds, in name order
 * @param elapsed     how long the refresh took
 */
public record RefreshResult(Instant refreshedAt, int firstYear, int lastYear, List<TableSummary> tables,
        Duration elapsed) {

    public RefreshResult {
        tables = List.copyOf(tables);
    }

    /** Rows in {@code table} after the refresh; -1 when the refresh does not own such a table. */
    public long rowCount(String table) {
        return tables.stream().filter(t -> t.name().equals(table)).mapToLong(TableSummary::rowCount).findFirst()
                .orElse(-1);
    }

    /** The tables the refresh left empty (nothing upstream to derive them from). */
    public List<String> emptyTables() {
        return tables.stream().filter(t -> t.rowCount() == 0).map(TableSummary::name).toList();
    }
}
