package io.breakwater.cli;

import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterStore;
import java.time.Clock;
import picocli.CommandLine.Command;

/** {@code breakwater bi ...}: the star schema BI tools read. */
@Command(name = "bi",
        subcommands = {BiCommand.Refresh.class})
final class BiCommand extends CommandGroup {

    @Command(name = "refresh")
    static final class Refresh extends StoreCommand {

        @Override
        public Integer call() {
            return onStore(Access.WRITE, (store, out) -> {
                StarSchema.refresh(store, Clock.systemUTC(), progress());
            });
        }
    }
}
