package io.breakwater.db.testing;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.StoreLocation;
import java.nio.file.Path;
import java.util.List;

/**
 * Shared test fixture (published in db-contracts' test-jar): fresh migrated stores of each kind in a folder.
 */
public final class TestStores {
    private TestStores() {
    }

    /** The store kinds every contract must hold on. */
    public enum Kind {
        DUCKDB, SQLITE;

        public StoreLocation location(Path dir, String baseName) {
            return this == DUCKDB ? StoreLocation.duckDb(dir.resolve(baseName + ".duckdb"))
                    : StoreLocation.sqlite(dir.resolve(baseName + ".sqlite"));
        }
    }

    public static List<Kind> kinds() {
        return List.of(Kind.values());
    }

    /** A freshly created and migrated store of {@code kind} in {@code dir}. */
    public static BreakwaterStore fresh(Kind kind, Path dir) {
        return BreakwaterStore.open(kind.location(dir, "test-" + kind.name().toLowerCase()));
    }
}
