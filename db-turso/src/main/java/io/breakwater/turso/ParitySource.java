package io.breakwater.turso;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.turso.internal.LocalReader;
import io.breakwater.turso.internal.RemoteReader;
import io.breakwater.turso.internal.TableReader;
import java.util.Objects;

/** One side of a parity check: an open local store (DuckDB or SQLite/libSQL file) or a remote Turso database. */
public final class ParitySource {
    private final TableReader reader;

    private ParitySource(TableReader reader) {
        this.reader = reader;
    }

    /** A local store; the caller keeps it open for the check and closes it. */
    public static ParitySource of(BreakwaterStore store) {
        return new ParitySource(new LocalReader(Objects.requireNonNull(store, "store")));
    }

    /** A remote Turso database. */
    public static ParitySource of(TursoClient remote) {
        return new ParitySource(new RemoteReader(Objects.requireNonNull(remote, "remote")));
    }

    TableReader reader() {
        return reader;
    }

    public String describe() {
        return reader.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
