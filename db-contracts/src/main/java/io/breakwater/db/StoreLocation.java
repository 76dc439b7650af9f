package io.breakwater.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a store lives, parsed from a location string. The only thing that differs between environments.
 *
 * <ul>
 *   <li>{@code memory} or {@code :memory:}: an in-memory DuckDB database;</li>
 *   <li>{@code duckdb:PATH}, or a path ending in {@code .duckdb} / {@code .ddb}, or any other path: a DuckDB file
 *       (the default);</li>
 *   <li>{@code sqlite:PATH}, {@code libsql:PATH}, or a path ending in {@code .sqlite}, {@code .sqlite3},
 *       {@code .db} or {@code .libsql}: a SQLite/libSQL file;</li>
 *   <li>{@code libsql://HOST}, {@code http://HOST}, {@code https://HOST}: a remote Turso database, reached over its
 *       HTTP API (publish and parity only).</li>
 * </ul>
 *
 * @param kind the kind of store
 * @param path the database file, or {@code null} for in-memory and remote stores
 * @param url  the remote URL for {@link Kind#REMOTE_LIBSQL}, a description for a store on a caller's
 *             {@code DataSource}, otherwise {@code null}
 */
public record StoreLocation(Kind kind, Path path, String url) {

    /** The kinds of store Breakwater can address. */
    public enum Kind {
        DUCKDB_FILE, DUCKDB_MEMORY, SQLITE_FILE, REMOTE_LIBSQL;

        public boolean isDuckDb() {
            return this == DUCKDB_FILE || this == DUCKDB_MEMORY;
        }
    }

    public StoreLocation {
        Objects.requireNonNull(kind, "kind");
    }

    public static StoreLocation duckDb(Path file) {
        return new StoreLocation(Kind.DUCKDB_FILE, file.toAbsolutePath().normalize(), null);
    }

    public static StoreLocation sqlite(Path file) {
        return new StoreLocation(Kind.SQLITE_FILE, file.toAbsolutePath().normalize(), null);
    }

    public static StoreLocation inMemory() {
        return new StoreLocation(Kind.DUCKDB_MEMORY, null, null);
    }

    /** Parses a location string as described in the class documentation. */
    public static StoreLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "database location is empty: expected a file path, 'memory', 'sqlite:PATH' or 'libsql://HOST'");
        }
        String text = location.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("memory") || lower.equals(":memory:") || lower.equals("duckdb::memory:")) {
            return inMemory();
        }
        if (lower.startsWith("libsql://") || lower.startsWith("http://") || lower.startsWith("https://")) {
            return new StoreLocation(Kind.REMOTE_LIBSQL, null, text);
        }
        if (lower.startsWith("duckdb:")) {
            return duckDb(Path.of(text.substring("duckdb:".length())));
        }
        if (lower.startsWith("sqlite:")) {
            return sqlite(Path.of(text.substring("sqlite:".length())));
        }
        if (lower.startsWith("libsql:")) {
            return sqlite(Path.of(text.substring("libsql:".length())));
        }
        if (lower.endsWith(".sqlite") || lower.endsWith(".sqlite3") || lower.endsWith(".db") || lower.endsWith(".libsql")) {
            return sqlite(Path.of(text));
        }
        return duckDb(Path.of(text));
    }

    /** A short description for messages: the file, {@code memory}, or the remote URL. */
    public String describe() {
        if (url != null) {
            return url;
        }
        return kind == Kind.DUCKDB_MEMORY ? "in-memory DuckDB" : path.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
