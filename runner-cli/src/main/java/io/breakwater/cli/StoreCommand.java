package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * A command on one store: the {@code --db} option ({@link DbOption}), declared once here, beside what every command
 * has ({@link CliCommand}). Every command that opens the store of {@code --db} extends it; one whose work is done on
 * that store and ends with exit 0 runs it through {@link #onStore}, which opens, closes and reports.
 */
abstract class StoreCommand extends CliCommand {
    @Mixin
    DbOption db;

    /** How a command opens the store of {@code --db} ({@link Stores} says which commands may create one). */
    enum Access {
        /** Create the store when absent and migrate it ({@code db migrate}). */
        CREATE,
        /** An existing store, migrated to this build's schema. */
        WRITE,
        /** An existing store as it is, not migrated (the ingest steps). */
        EXISTING,
        /** An existing store, read-only. */
        READ
    }

    /** Work on an open store that prints to the command's output. */
    @FunctionalInterface
    interface StoreWork {
        void run(BreakwaterStore store, PrintWriter out);
    }

    /** Opens the store of {@code --db} as {@code access} says, runs {@code work} on it, closes it; exit 0. */
    Integer onStore(Access access, StoreWork work) {
        PrintWriter out = out();
        try (BreakwaterStore store = open(access)) {
            work.run(store, out);
        }
        out.flush();
        return 0;
    }

    /** The store of {@code --db}, opened as {@code access} says. */
    BreakwaterStore open(Access access) {
        return switch (access) {
            case CREATE -> BreakwaterStore.open(db.location);
            case WRITE -> Stores.writing(db.location);
            case EXISTING -> BreakwaterStore.openExisting(Stores.existing(db.location));
            case READ -> Stores.reading(db.location);
        };
    }
}
