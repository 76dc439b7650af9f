package io.breakwater.cli;

import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterStore;
import java.time.Clock;
import picocli.CommandLine.Command;

/** {@code breakwater bi ...}: the star schema BI tools read. */
@Command(name = "bi", description = "Maintain the BI star schema.",
        subcommands = {BiCommand.Refresh.class})
final class BiCommand extends CommandGroup {

    @Command(name = "refresh",
            description = "Rebuild the dim_*, fct_* and dash_* tables from the curated, feature and model tables "
                    + "(one transaction; idempotent).")
    static final class Refresh extends StoreCommand {

        @Override
        public Integer call() {
            return onStore(Access.WRITE, (store, out) -> {
                StarSchema.refresh(store, Clock.systemUTC(), progress());
            });
        }
    }
}
