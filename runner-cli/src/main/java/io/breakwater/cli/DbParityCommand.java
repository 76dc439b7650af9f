package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import io.breakwater.turso.Parity;
import io.breakwater.turso.ParityExclusions;
import io.breakwater.turso.ParityResult;
import io.breakwater.turso.ParitySource;
import io.breakwater.turso.TableParity;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code breakwater db parity A B}: the DuckDB/Turso parity checklist as a command. */
@Command(name = "parity")
final class DbParityCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "A", description = "First store: a file path, sqlite:PATH or libsql://HOST.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Second store.")
    String b;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "9",
            description = "Significant digits doubles are rounded to before hashing (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--exact", description = "Compare every column, run-time columns included (for a published "
            + "copy against its source). --ignore-columns and --ignore-tables still apply.")
    boolean exact;

    @Option(names = "--ignore-columns", paramLabel = "LIST", description = "More columns to leave out, "
            + "comma-separated, each COLUMN (in every table) or TABLE.COLUMN.")
    String ignoreColumns;

    @Option(names = "--ignore-tables", paramLabel = "LIST", description = "Tables whose content is not compared, "
            + "comma-separated (their presence and row counts still are).")
    String ignoreTables;


    @Mixin
    RemoteOptions remote;


    @Override
    public Integer call() {
        PrintWriter out = out();
        ParityExclusions exclusions = (exact ? ParityExclusions.NONE : ParityExclusions.RUN_TIME)
                .and(ParityExclusions.parse(ignoreTables, ignoreColumns));
        Parity parity = Parity.builder().significantDigits(digits).exclusions(exclusions)
                .progress(progress()).build();
        try (Side sideA = open(a); Side sideB = open(b)) {
            ParityResult result = parity.compare(sideA.source(), sideB.source());
            out.printf("%nA = %s (schema version %s)%nB = %s (schema version %s)%n", result.storeA(),
                    version(result.schemaVersionA()), result.storeB(), version(result.schemaVersionB()));
            List<String> leftOut = result.leftOut();
            if (leftOut.isEmpty()) {
                out.printf("%nevery column of every table compared%n");
            } else {
                out.printf("%nleft out of the content comparison (%s):%n", exact ? "--ignore-columns/--ignore-tables"
                        : "run-time columns" + (ignoreColumns == null && ignoreTables == null ? "" : " and --ignore-*")
                                + "; --exact compares the run-time columns too");
                leftOut.forEach(line -> out.println("  " + line));
            }
            out.printf("%n%-28s %10s %10s  %-12s %-12s %s%n", "table", "rows A", "rows B", "checksum A", "checksum B", "");
            for (TableParity t : result.tables()) {
                out.printf("%-28s %10s %10s  %-12s %-12s %s%n", t.table(), t.presentA() ? String.format("%,d", t.rowsA()) : "-",
                        t.presentB() ? String.format("%,d", t.rowsB()) : "-", shortSum(t.checksumA()),
                        shortSum(t.checksumB()), (t.same() ? "same" : "DIFFERENT")
                                + (t.contentCompared() ? "" : " (rows only)"));
            }
            if (result.same()) {
                out.printf("%nsame: schema version, %d tables, row counts and checksums (doubles to %d significant "
                        + "digits%s)%n", result.tables().size(), result.significantDigits(),
                        leftOut.isEmpty() ? "" : "; " + leftOut.size() + " table(s) not compared in full, listed above");
                out.flush();
                return 0;
            }
            out.printf("%n%d difference(s):%n", result.differences().size());
            result.differences().forEach(d -> out.println("  " + d));
            out.flush();
            return ErrorCode.PARITY_DIFFERENCE.exitCode();
        }
    }

    private static String version(String v) {
        return v == null ? "none" : v;
    }

    private static String shortSum(String checksum) {
        return checksum == null ? "-" : checksum.substring(0, 12);
    }

    private Side open(String location) {
        StoreLocation parsed = StoreLocation.parse(location);
        if (parsed.kind() == StoreLocation.Kind.REMOTE_LIBSQL) {
            return new Side(ParitySource.of(remote.client(parsed.url())), null);
        }
        BreakwaterStore store = BreakwaterStore.openExisting(parsed);
        return new Side(ParitySource.of(store), store);
    }

    /** One side of the comparison, closing its local store when done. */
    private record Side(ParitySource source, BreakwaterStore store) implements AutoCloseable {
        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
