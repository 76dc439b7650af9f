package io.breakwater.cli;

import io.breakwater.bi.StarSchema;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;

/**
 * How commands open the store of {@code --db}. Only {@code db migrate}, {@code ingest}, {@code run} and {@code demo}
 * create a store; every other command refuses a missing one (exit 4) and creates nothing, so that a typo in a nightly
 * job fails instead of exporting an empty database. Commands that only read open the store read-only, so they run
 * while another program (Power BI through DuckDB's ODBC driver) holds it read-only.
 */
final class Stores {
    private Stores() {
    }

    /** The existing store at {@code location}, read-only. */
    static BreakwaterStore reading(String location) {
        return BreakwaterStore.openReadOnly(existing(location));
    }

    /** The existing store at {@code location}, opened to write and migrated to this build's schema. */
    static BreakwaterStore writing(String location) {
        return BreakwaterStore.open(existing(location));
    }

    /**
     * The existing store at {@code location} with a current star schema, for the commands that read the star tables
     * ({@code report}, {@code export powerbi}). With {@code refresh} the store is opened to write and the star schema
     * refreshed; when another program holds the store read-only the star tables are read as last refreshed, and a
     * warning on {@code err} says so. Without {@code refresh} the store is only read.
     */
    static BreakwaterStore withStar(String location, boolean refresh, ProgressListener progress, PrintWriter err) {
        if (!refresh) {
            return reading(location);
        }
        BreakwaterStore store;
        try {
            store = writing(location);
        } catch (BreakwaterException e) {
            if (e.errorCode() != ErrorCode.DATABASE_LOCKED) {
                throw e;
            }
            store = reading(location);
            err.println("breakwater: warning: " + store.location() + " is held read-only by another program (a BI "
                    + "tool through ODBC, say): the star tables were not refreshed and are read as last refreshed; run "
                    + "'breakwater bi refresh' once it is closed");
            err.flush();
            return store;
        }
        try {
            StarSchema.refresh(store, Clock.systemUTC(), progress);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The parsed location, refused with exit 4 when it names a file that does not exist. */
    static StoreLocation existing(String location) {
        StoreLocation parsed = StoreLocation.parse(location);
        if (parsed.path() != null && !Files.exists(parsed.path())) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "database " + parsed.path() + " does not "
                    + "exist: check --db (only 'db migrate', 'ingest', 'run' and 'demo' create a store)");
        }
        return parsed;
    }
}
