package io.breakwater.turso;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StepBuilder;
import io.breakwater.turso.internal.Checksum;
import io.breakwater.turso.internal.TableReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parity check between any two stores (DuckDB file, SQLite/libSQL file, remote Turso): the same schema version,
 * every contract table present with the same row count and the same content checksum.
 *
 * <p>The checksum is SHA-256 over every row in primary-key order, each value in a canonical text: doubles rounded to
 * {@link Builder#significantDigits(int) 9 significant digits} by default (half-even, from the exact binary value),
 * timestamps cut to milliseconds, booleans as {@code true/false}, dates as ISO dates, NULL as its own marker. Two
 * doubles that differ only past the ninth significant digit compare equal, unless they straddle a rounding boundary.
 *
 * <p>Every column of every table is compared unless {@link Builder#exclusions(ParityExclusions) exclusions} say
 * otherwise; {@link ParityExclusions#RUN_TIME} leaves out the clock readings and file locations that differ between
 * two runs of the same pipeline. The result lists what was left out ({@link ParityResult#leftOut()}) and, for a table
 * that differs, the columns that hold the difference.
 *
 * <pre>{@code
 * ParityResult r = Parity.builder().exclusions(ParityExclusions.RUN_TIME).build()
 *         .compare(ParitySource.of(duckStore), ParitySource.of(sqliteStore));
 * if (!r.same()) r.differences().forEach(System.out::println);
 * }</pre>
 *
 * @param significantDigits doubles are rounded to this many significant digits before hashing, 1 to 17
 * @param exclusions        the tables and columns left out of the content comparison, each a contract name
 * @param clock             times the comparison for the step's summary
 * @param progress          hears a step per table
 */
public record Parity(int significantDigits, ParityExclusions exclusions, Clock clock, ProgressListener progress) {
    private static final Logger LOG = LoggerFactory.getLogger(Parity.class);
    /** The default float tolerance: doubles are compared to this many significant digits. */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 9;

    /** Checks the settings: {@link Builder#build()} comes here. */
    public Parity {
        if (significantDigits < 1 || significantDigits > 17) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "significant digits for doubles must "
                    + "be between 1 and 17, got " + significantDigits);
        }
        checkNames(Objects.requireNonNull(exclusions, "exclusions"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(progress, "progress");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Compares two local stores. */
    public ParityResult compare(BreakwaterStore a, BreakwaterStore b) {
        return compare(ParitySource.of(a), ParitySource.of(b));
    }

    /** Compares store {@code a} with store {@code b}, every contract table. */
    public ParityResult compare(ParitySource a, ParitySource b) {
        return compare(a.reader(), b.reader(), BreakwaterStore.contractTables());
    }

    ParityResult compare(TableReader a, TableReader b, List<Table<?>> tables) {
        String step = "parity";
        Instant started = clock.instant();
        progress.started(step, tables.size(), "tables");
        String versionA = a.schemaVersion();
        String versionB = b.schemaVersion();
        Set<String> namesA = a.tableNames();
        Set<String> namesB = b.tableNames();
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(versionA, versionB)) {
            differences.add("schema version differs: A " + (versionA == null ? "none" : versionA) + ", B "
                    + (versionB == null ? "none" : versionB));
        }
        List<TableParity> result = new ArrayList<>();
        int done = 0;
        for (Table<?> table : tables) {
            TableParity parity = compare(a, b, table, namesA, namesB);
            result.add(parity);
            if (!parity.same()) {
                differences.add(parity.difference());
            }
            progress.progressed(step, ++done);
        }
        ParityResult parity = new ParityResult(a.describe(), b.describe(), versionA, versionB, significantDigits,
                exclusions, result, differences);
        String took = String.format(Locale.ROOT, " (%.1f s)",
                Duration.between(started, clock.instant()).toMillis() / 1000.0);
        progress.finished(step, (parity.same()
                ? "parity: " + a.describe() + " and " + b.describe() + " hold the same schema version "
                        + versionA + " and the same contents in " + tables.size() + " tables"
                : "parity: " + differences.size() + " difference(s) between " + a.describe() + " and "
                        + b.describe()) + took);
        LOG.debug("parity {} vs {}: {} difference(s)", a.describe(), b.describe(), differences.size());
        return parity;
    }

    private TableParity compare(TableReader a, TableReader b, Table<?> table, Set<String> namesA, Set<String> namesB) {
        String name = table.getName().toLowerCase(Locale.ROOT);
        boolean inA = namesA.contains(name);
        boolean inB = namesB.contains(name);
        if (exclusions.leavesOutTable(name)) {
            return new TableParity(table.getName(), inA, inB, inA ? count(a, table) : 0, inB ? count(b, table) : 0,
                    null, null, false, List.of(), List.of());
        }
        Set<String> leftOut = new LinkedHashSet<>();
        for (Field<?> field : table.fields()) {
            if (exclusions.leavesOut(name, field.getName())) {
                leftOut.add(field.getName().toLowerCase(Locale.ROOT));
            }
        }
        Checksum.Result sumA = inA ? checksum(a, table, leftOut) : null;
        Checksum.Result sumB = inB ? checksum(b, table, leftOut) : null;
        List<String> differing = new ArrayList<>();
        if (sumA != null && sumB != null && !sumA.checksum().equals(sumB.checksum())) {
            sumA.columnChecksums().forEach((column, sum) -> {
                if (!sum.equals(sumB.columnChecksums().get(column))) {
                    differing.add(column);
                }
            });
        }
        return new TableParity(table.getName(), inA, inB, sumA == null ? 0 : sumA.rows(),
                sumB == null ? 0 : sumB.rows(), sumA == null ? null : sumA.checksum(),
                sumB == null ? null : sumB.checksum(), true, List.copyOf(leftOut), differing);
    }

    private long count(TableReader reader, Table<?> table) {
        try {
            return reader.count(table);
        } catch (BreakwaterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot count the rows of table "
                    + table.getName() + " of " + reader.describe() + ": " + e.getMessage(), e);
        }
    }

    private Checksum.Result checksum(TableReader reader, Table<?> table, Set<String> leftOut) {
        try {
            return Checksum.of(reader, table, significantDigits, leftOut);
        } catch (BreakwaterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot read table " + table.getName()
                    + " of " + reader.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds a {@link Parity}. Its progress listener hears a step per table; its clock times the comparison for the
     * step's summary.
     */
    public static final class Builder extends StepBuilder<Builder> {
        private int significantDigits = DEFAULT_SIGNIFICANT_DIGITS;
        private ParityExclusions exclusions = ParityExclusions.NONE;

        private Builder() {
        }

        /** Doubles are rounded to this many significant digits before hashing (1 to 17; default 9). */
        public Builder significantDigits(int digits) {
            this.significantDigits = digits;
            return this;
        }

        /**
         * Tables and columns to leave out of the content comparison (default {@link ParityExclusions#NONE}: compare
         * everything). {@link ParityExclusions#RUN_TIME} leaves out the clock readings and file locations that differ
         * between two runs of the same pipeline. Every name must be a contract table or column.
         */
        public Builder exclusions(ParityExclusions exclusions) {
            this.exclusions = Objects.requireNonNull(exclusions, "exclusions");
            return this;
        }

        public Parity build() {
            return new Parity(significantDigits, exclusions, clock(), progress());
        }
    }

    /** Refuses a name that is no contract table or column: a typo would otherwise leave nothing out, silently. */
    private static void checkNames(ParityExclusions exclusions) {
        Map<String, Set<String>> columns = new HashMap<>();
        for (Table<?> table : BreakwaterStore.contractTables()) {
            Set<String> names = new HashSet<>();
            for (Field<?> field : table.fields()) {
                names.add(field.getName().toLowerCase(Locale.ROOT));
            }
            columns.put(table.getName().toLowerCase(Locale.ROOT), names);
        }
        for (String table : exclusions.tables()) {
            if (!columns.containsKey(table)) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot leave out table '" + table
                        + "': no such table in the schema contract");
            }
        }
        for (String column : exclusions.columns()) {
            int dot = column.indexOf('.');
            boolean known = dot < 0 ? columns.values().stream().anyMatch(c -> c.contains(column))
                    : columns.getOrDefault(column.substring(0, dot), Set.of()).contains(column.substring(dot + 1));
            if (!known) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot leave out column '" + column
                        + "': no " + (dot < 0 ? "table of the schema contract has that column"
                                : "such column in the schema contract") + " (expected COLUMN or TABLE.COLUMN)");
            }
        }
    }
}
