package io.breakwater.db;

import io.breakwater.db.internal.QuietFlywayLogs;
import io.breakwater.db.schema.DefaultSchema;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * An open Breakwater store: a DuckDB or SQLite/libSQL database holding the schema contract. This is the one entry
 * point of the module: open a store from a location string, migrate it, read its schema version and tables, and
 * query it through the generated jOOQ classes with {@link #dsl()}.
 *
 * <pre>{@code
 * try (BreakwaterStore store = BreakwaterStore.open("out/breakwater.duckdb")) {
 *     int breaks = store.dsl().fetchCount(PIPE_BREAKS_CLEAN);
 * }
 * }</pre>
 *
 * A store holds one JDBC connection; it is meant for one thread at a time, as batch steps are.
 */
public final class BreakwaterStore implements AutoCloseable {
    /** Classpath folder of our migrations, distinct from an embedding program's own {@code db/migration}. */
    public static final String MIGRATION_LOCATION = "classpath:io/breakwater/db/migration";
    /** Our Flyway history table, distinct from an embedding program's {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "breakwater_schema_history";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(BreakwaterStore.class);

    static {
        // jOOQ prints a logo and a tip at INFO the first time it renders SQL, unless these switches are set; a
        // program that wants them sets the properties to false before opening a store
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private static final java.util.regex.Pattern MEMORY_LIMIT =
            java.util.regex.Pattern.compile("(?i)[0-9]{1,7}(\\.[0-9]{1,3})? ?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

    private final StoreLocation location;
    private final Connection connection;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final DataSource externalDataSource;
    private final boolean readOnly;
    private MigrationResult migrationAtOpen;

    private BreakwaterStore(StoreLocation location, Connection connection, DataSource externalDataSource,
            boolean readOnly) {
        this.location = location;
        this.connection = connection;
        this.externalDataSource = externalDataSource;
        this.readOnly = readOnly;
        this.dialect = location.kind().isDuckDb() ? SQLDialect.DUCKDB : SQLDialect.SQLITE;
        this.dsl = DSL.using(connection, dialect, settings());
    }

    /** Opens (creating when absent) and migrates the store at {@code location}. */
    public static BreakwaterStore open(String location) {
        return open(StoreLocation.parse(location));
    }

    /** Opens (creating when absent) and migrates the store at {@code location}. */
    public static BreakwaterStore open(StoreLocation location) {
        return migratedAtOpen(connect(location, false, false));
    }

    /** Migrates a store just opened, closing it when the migration fails. */
    private static BreakwaterStore migratedAtOpen(BreakwaterStore store) {
        try {
            store.migrationAtOpen = store.migrate();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Opens an existing store as it is, without migrating it; refuses a file that does not exist. */
    public static BreakwaterStore openExisting(String location) {
        return openExisting(StoreLocation.parse(location));
    }

    /** Opens an existing store as it is, without migrating it; refuses a file that does not exist. */
    public static BreakwaterStore openExisting(StoreLocation location) {
        return connect(location, true, false);
    }

    /**
     * Opens an existing store read-only, as it is, without migrating it; refuses a file that does not exist. Readers
     * share a store: DuckDB lets several processes hold a file read-only at once (Power BI through ODBC does), though
     * no writer beside them; SQLite lets readers share with one writer. Anything that writes through a read-only store
     * fails.
     */
    public static BreakwaterStore openReadOnly(String location) {
        return openReadOnly(StoreLocation.parse(location));
    }

    /** Opens an existing store read-only, as it is; see {@link #openReadOnly(String)}. */
    public static BreakwaterStore openReadOnly(StoreLocation location) {
        return connect(location, true, location.kind() != StoreLocation.Kind.DUCKDB_MEMORY);
    }

    private static BreakwaterStore connect(StoreLocation location, boolean mustExist, boolean readOnly) {
        Objects.requireNonNull(location, "location");
        if (location.kind() == StoreLocation.Kind.REMOTE_LIBSQL) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "database " + location.describe()
                    + " is a remote Turso database: stages run on a local DuckDB or SQLite file, which is then "
                    + "published to Turso");
        }
        if (location.path() != null) {
            Path parent = location.path().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                        "cannot open database " + location.path() + ": folder " + parent + " does not exist");
            }
            if (Files.isDirectory(location.path())) {
                throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                        "cannot open database " + location.path() + ": it is a folder, expected a database file");
            }
            if (mustExist && !Files.exists(location.path())) {
                throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                        "database " + location.path() + " does not exist: expected an existing store (migrating a "
                                + "new location creates one)");
            }
        }
        Connection connection;
        try {
            connection = switch (location.kind()) {
                case DUCKDB_MEMORY -> DriverManager.getConnection("jdbc:duckdb:");
                case DUCKDB_FILE -> DriverManager.getConnection("jdbc:duckdb:" + location.path(),
                        duckDbProperties(readOnly));
                case SQLITE_FILE -> sqliteConnection(location, readOnly);
                case REMOTE_LIBSQL -> throw new IllegalStateException();
            };
        } catch (SQLException e) {
            throw translate(location, e);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                if (location.kind() == StoreLocation.Kind.SQLITE_FILE) {
                    statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
                } else {
                    statement.executeQuery("SELECT 1").close();
                }
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(location, e);
        }
        return new BreakwaterStore(location, connection, null, readOnly);
    }

    private static Properties duckDbProperties(boolean readOnly) {
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
        return properties;
    }

    /** A SQLite connection waiting up to 5 s for a writer's lock; read-only when asked. */
    private static Connection sqliteConnection(StoreLocation location, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.setReadOnly(readOnly);
        return DriverManager.getConnection("jdbc:sqlite:" + location.path(), config.toProperties());
    }

    /**
     * Opens and migrates a store on an embedding program's own {@link DataSource} (a pool, a named in-memory
     * database, ...). The store holds one connection from it until closed; Flyway takes its own.
     *
     * @param dataSource where connections come from
     * @param kind       {@link StoreLocation.Kind#DUCKDB_FILE} / {@code DUCKDB_MEMORY} for DuckDB, {@code SQLITE_FILE}
     *                   for SQLite/libSQL: it chooses the SQL dialect
     */
    public static BreakwaterStore open(DataSource dataSource, StoreLocation.Kind kind) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (kind == StoreLocation.Kind.REMOTE_LIBSQL) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "a DataSource store is DuckDB or SQLite");
        }
        StoreLocation location = new StoreLocation(kind, null, "datasource:" + dataSource.getClass().getName());
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw translate(location, e);
        }
        return migratedAtOpen(new BreakwaterStore(location, connection, dataSource, false));
    }

    /** Applies the migrations this build ships that the store lacks; a no-op on a current store. */
    public MigrationResult migrate() {
        if (readOnly) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "store " + location.describe() + " is open read-only: it cannot be migrated");
        }
        Flyway flyway = flyway();
        String before = currentVersion(flyway);
        try {
            MigrateResult result = flyway.migrate();
            String after = currentVersion(flyway);
            if (result.migrationsExecuted > 0) {
                LOG.info("Migrated {} from {} to {} ({} migrations)", location, before, after, result.migrationsExecuted);
            }
            return new MigrationResult(location.describe(), before, after, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw translateFlyway(e);
        }
    }

    /** What {@link #open} migrated; {@code null} for a store opened with {@link #openExisting}. */
    public MigrationResult migrationAtOpen() {
        return migrationAtOpen;
    }

    /** The store's schema version, or {@code null} when it was never migrated. */
    public String schemaVersion() {
        try {
            return currentVersion(flyway());
        } catch (FlywayException e) {
            throw translateFlyway(e);
        }
    }

    /** Every table of the schema contract with its row count, in name order. */
    public List<TableSummary> tables() {
        List<TableSummary> tables = new ArrayList<>();
        for (Table<?> table : contractTables()) {
            tables.add(new TableSummary(table.getName(), dsl.fetchCount(table)));
        }
        return tables;
    }

    /** The tables of the schema contract, as generated from the migrations, in name order. */
    public static List<Table<?>> contractTables() {
        List<Table<?>> tables = new ArrayList<>(DefaultSchema.DEFAULT_SCHEMA.getTables());
        tables.removeIf(t -> t.getName().equalsIgnoreCase(HISTORY_TABLE));
        tables.sort(Comparator.comparing(Table::getName));
        return tables;
    }

    /** A jOOQ context on this store, with the dialect of its database. */
    public DSLContext dsl() {
        return dsl;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public StoreLocation location() {
        return location;
    }

    /** Whether the store was opened with {@link #openReadOnly}: it can be read, never written. */
    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isDuckDb() {
        return dialect == SQLDialect.DUCKDB;
    }

    /**
     * DuckDB only (nothing on SQLite): caps the memory of DuckDB's buffer manager at {@code limit}, e.g. {@code 2GB}
     * or {@code 512MB}; larger joins and sorts then spill to a temporary folder beside the database file. DuckDB's own
     * default is 80 % of the machine's RAM, which leaves the Java heap and XGBoost's native copies no room.
     */
    public void duckDbMemoryLimit(String limit) {
        if (limit == null || !MEMORY_LIMIT.matcher(limit.trim()).matches()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "DuckDB memory limit '" + limit
                    + "': expected a size such as 2GB or 512MB");
        }
        if (!isDuckDb()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = '" + limit.trim() + "'");
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "DuckDB refused the memory limit '" + limit
                    + "' on " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * The store's JDBC connection, for bulk paths jOOQ does not cover (DuckDB's appender, Parquet export). Do not close
     * it; close the store.
     */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private Flyway flyway() {
        return Flyway.configure(BreakwaterStore.class.getClassLoader())
                .dataSource(migrationDataSource())
                .locations(MIGRATION_LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .loggers(QuietFlywayLogs.class.getName())
                .load();
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    /**
     * Flyway's connections. DuckDB gets duplicates of our connection (same database instance, which an in-memory
     * database needs); SQLite gets fresh connections to the same file.
     */
    private DataSource migrationDataSource() {
        if (externalDataSource != null) {
            return externalDataSource;
        }
        return new SimpleDataSource(() -> {
            if (location.kind().isDuckDb()) {
                return connection.unwrap(DuckDBConnection.class).duplicate();
            }
            return sqliteConnection(location, readOnly);
        });
    }

    private BreakwaterException translateFlyway(FlywayException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("checksum mismatch")) {
            String detail = message.lines().filter(l -> l.toLowerCase(Locale.ROOT).contains("checksum mismatch"))
                    .findFirst().orElse(message).trim();
            return new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "schema history of " + location.describe()
                    + " does not match this build's migrations: " + detail
                    + " (a migration was edited after it was applied; restore it and add a new migration instead)", e);
        }
        if (lower.contains("validate failed")) {
            return new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "schema history of " + location.describe()
                    + " does not match this build's migrations: " + firstLine(message), e);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof SQLException sql) {
            return translate(location, sql);
        }
        return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                "cannot migrate " + location.describe() + ": " + firstLine(message), e);
    }

    static BreakwaterException translate(StoreLocation location, SQLException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("lock") || lower.contains("sqlite_busy")) {
            return new BreakwaterException(ErrorCode.DATABASE_LOCKED, "database " + location.describe()
                    + " is locked by another process: " + firstLine(message), e);
        }
        if (lower.contains("not a valid duckdb database") || lower.contains("notadb")
                || lower.contains("not a database")) {
            return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot open " + location.describe()
                    + ": the file is not a " + (location.kind().isDuckDb() ? "DuckDB" : "SQLite") + " database", e);
        }
        return new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE,
                "cannot open database " + location.describe() + ": " + firstLine(message), e);
    }

    private static String firstLine(String message) {
        return message.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(message);
    }

    private static Settings settings() {
        return new Settings()
                .withExecuteLogging(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withRenderSchema(false)
                .withRenderCatalog(false);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing connection", e);
        }
    }

    /** A connection source for Flyway. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** The smallest {@link DataSource} Flyway needs. */
    private record SimpleDataSource(ConnectionSource source) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return source.get();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return source.get();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("io.breakwater.db");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
