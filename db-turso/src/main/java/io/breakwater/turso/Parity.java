package io.breakwater.turso;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.turso.internal.Checksum;
import io.breakwater.turso.internal.TableReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
 * <pre>{@code
 * ParityResult r = Parity.builder().build().compare(ParitySource.of(duckStore), ParitySource.of(sqliteStore));
 * if (!r.same()) r.differences().forEach(System.out::println);
 * }</pre>
 */
public final class Parity {
    private static final Logger LOG = LoggerFactory.getLogger(Parity.class);
    /** The default float tolerance: doubles are compared to this many significant digits. */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 9;

    private final int significantDigits;
    private final ProgressListener progress;

    private Parity(Builder builder) {
        this.significantDigits = builder.significantDigits;
        this.progress = builder.progress;
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
            String name = table.getName().toLowerCase(Locale.ROOT);
            Checksum.Result sumA = namesA.contains(name) ? checksum(a, table) : null;
            Checksum.Result sumB = namesB.contains(name) ? checksum(b, table) : null;
            TableParity parity = new TableParity(table.getName(), sumA != null, sumB != null,
                    sumA == null ? 0 : sumA.rows(), sumB == null ? 0 : sumB.rows(),
                    sumA == null ? null : sumA.checksum(), sumB == null ? null : sumB.checksum());
            result.add(parity);
            if (!parity.same()) {
                differences.add(parity.difference());
            }
            progress.progressed(step, ++done);
        }
        ParityResult parity = new ParityResult(a.describe(), b.describe(), versionA, versionB, significantDigits,
                result, differences);
        progress.finished(step, parity.same()
                ? "parity: " + a.describe() + " and " + b.describe() + " hold the same schema version "
                        + versionA + " and the same contents in " + tables.size() + " tables"
                : "parity: " + differences.size() + " difference(s) between " + a.describe() + " and "
                        + b.describe());
        LOG.debug("parity {} vs {}: {} difference(s)", a.describe(), b.describe(), differences.size());
        return parity;
    }

    private Checksum.Result checksum(TableReader reader, Table<?> table) {
        try {
            return Checksum.of(reader, table, significantDigits);
        } catch (BreakwaterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot read table " + table.getName()
                    + " of " + reader.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Builds a {@link Parity}. */
    public static final class Builder {
        private int significantDigits = DEFAULT_SIGNIFICANT_DIGITS;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** Doubles are rounded to this many significant digits before hashing (1 to 17; default 9). */
        public Builder significantDigits(int digits) {
            this.significantDigits = digits;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Parity build() {
            if (significantDigits < 1 || significantDigits > 17) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "significant digits for doubles must "
                        + "be between 1 and 17, got " + significantDigits);
            }
            return new Parity(this);
        }
    }
}
