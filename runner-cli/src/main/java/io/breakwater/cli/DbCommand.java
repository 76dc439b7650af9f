package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.MigrationResult;
import io.breakwater.db.TableSummary;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code breakwater db ...}: the store itself. */
@Command(name = "db",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class, DbPublishCommand.class, DbParityCommand.class})
final class DbCommand extends CommandGroup {

    @Command(name = "migrate")
    static final class Migrate extends StoreCommand {

        @Override
        public Integer call() {
            return onStore(Access.CREATE, (store, out) -> {
                MigrationResult result = store.migrationAtOpen();
                if (result.changed()) {
                    out.printf("%s: migrated from %s to schema version %s (%d migrations applied)%n", store.location(),
                            result.versionBefore() == null ? "an empty database" : "version " + result.versionBefore(),
                            result.versionAfter(), result.migrationsApplied());
                } else {
                    out.printf("%s: schema version %s is up to date, nothing to do%n", store.location(),
                            result.versionAfter());
                }
            });
        }
    }

    @Command(name = "info")
    static final class Info extends StoreCommand {

        @Override
        public Integer call() {
            return onStore(Access.READ, (store, out) -> {
                String version = store.schemaVersion();
                out.printf("database        %s (%s)%n", store.location(), store.isDuckDb() ? "DuckDB" : "SQLite/libSQL");
                out.printf("schema version  %s%n", version == null ? "none (run 'breakwater db migrate')" : version);
                if (version != null) {
                    out.printf("%n%-28s %12s%n", "table", "rows");
                    for (TableSummary table : store.tables()) {
                        out.printf("%-28s %,12d%n", table.name(), table.rowCount());
                    }
                }
            });
        }
    }
}
