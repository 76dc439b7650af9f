package io.breakwater.cli;

import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code breakwater bi ...}: the star schema BI tools read. */
@Command(name = "bi", mixinStandardHelpOptions = true, description = "Maintain the BI star schema.",
        subcommands = {BiCommand.Refresh.class})
final class BiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Rebuild the dim_*, fct_* and dash_* tables from the curated, feature and model tables "
                    + "(one transaction; idempotent).")
    static final class Refresh implements Callable<Integer> {
        @Mixin
        DbOption db;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (BreakwaterStore store = Stores.writing(db.location)) {
                StarSchema.refresh(store, Clock.systemUTC(), OutputOptions.progress(spec));
            }
            return 0;
        }
    }
}
