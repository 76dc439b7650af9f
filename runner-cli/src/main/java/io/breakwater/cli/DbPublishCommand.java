package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import io.breakwater.turso.Publish;
import io.breakwater.turso.PublishResult;
import io.breakwater.turso.TablePublishResult;
import io.breakwater.turso.TursoClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater db publish --from LOCAL --to libsql://HOST}: copy a finished store to a remote Turso database. */
@Command(name = "publish")
final class DbPublishCommand extends CliCommand {
    @Option(names = "--from", required = true, paramLabel = "LOCAL",
            description = "The local store: a DuckDB file or a SQLite/libSQL file (sqlite:PATH, *.sqlite, *.db).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "The remote database: libsql://HOST, https://HOST[:PORT] or http://HOST:PORT.")
    String to;

    @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "500",
            description = "Rows per transaction (default ${DEFAULT-VALUE}).")
    int batchRows;


    @Mixin
    RemoteOptions remote;


    @Override
    public Integer call() {
        PrintWriter out = out();
        StoreLocation source = StoreLocation.parse(from);
        if (source.kind() == StoreLocation.Kind.REMOTE_LIBSQL) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "--from " + from + " is remote: publish copies a local DuckDB or SQLite file to a remote");
        }
        if (StoreLocation.parse(to).kind() != StoreLocation.Kind.REMOTE_LIBSQL) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "--to " + to
                    + " is not a remote database: expected libsql://HOST, https://HOST[:PORT] or http://HOST:PORT");
        }
        TursoClient client = remote.client(to);
        try (BreakwaterStore store = BreakwaterStore.openExisting(source)) {
            PublishResult result = Publish.builder(store, client).batchRows(batchRows)
                    .progress(progress()).build().run();
            out.printf("%n%-28s %-10s %10s %10s %10s %10s%n", "table", "status", "rows", "written", "skipped", "deleted");
            for (TablePublishResult t : result.tables()) {
                out.printf("%-28s %-10s %,10d %,10d %,10d %,10d%n", t.table(), t.status(), t.sourceRows(),
                        t.rowsWritten(), t.rowsSkipped(), t.rowsDeleted());
            }
            out.printf("%npublished %s to %s in %s: schema version %s, %d migration(s) applied, %,d rows written, "
                            + "%,d deleted%s%n", result.source(), result.target(), ConsoleProgress.seconds(result.duration()),
                    result.schemaVersion(), result.migrationsApplied(), result.rowsWritten(), result.rowsDeleted(),
                    result.changedNothing() ? " (the remote was already up to date: nothing changed)" : "");
            if (result.verified()) {
                out.println("verified: same schema version, row counts and checksums in every table");
                out.flush();
                return 0;
            }
            out.println("NOT verified: the remote still differs from the local store:");
            result.verification().differences().forEach(d -> out.println("  " + d));
            out.flush();
            return ErrorCode.PARITY_DIFFERENCE.exitCode();
        }
    }
}
