package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import picocli.CommandLine.Option;

/**
 * A command that reads the star tables ({@code report}, {@code export powerbi}): it refreshes them first unless
 * {@code --no-refresh}, and reads them as last refreshed while another program holds the store read-only.
 */
abstract class StarCommand extends StoreCommand {
    @Option(names = "--no-refresh", description = "Read the star tables as they are, without refreshing them.")
    boolean noRefresh;

    /** The store of {@code --db} with its star tables, as {@link Stores#withStar} opens it. */
    BreakwaterStore openStar(ConsoleProgress progress) {
        return Stores.withStar(db.location, !noRefresh, progress, err());
    }
}
