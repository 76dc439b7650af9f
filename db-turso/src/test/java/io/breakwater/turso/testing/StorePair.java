package io.breakwater.turso.testing;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;

/**
 * A fresh DuckDB store and a fresh SQLite store in one folder, filled alike by {@link Fixture#fill}: the two sides a
 * parity test compares.
 *
 * @param duck the DuckDB store
 * @param lite the SQLite store
 */
public record StorePair(BreakwaterStore duck, BreakwaterStore lite) implements AutoCloseable {
    /** Both stores, each filled by {@link Fixture#fill} with {@code seed} and {@code rowsPerTable}. */
    public static StorePair filled(Path dir, long seed, int rowsPerTable) {
        StorePair pair = new StorePair(TestStores.fresh(TestStores.Kind.DUCKDB, dir),
                TestStores.fresh(TestStores.Kind.SQLITE, dir));
        Fixture.fill(pair.duck, seed, rowsPerTable);
        Fixture.fill(pair.lite, seed, rowsPerTable);
        return pair;
    }

    @Override
    public void close() {
        duck.close();
        lite.close();
    }
}
