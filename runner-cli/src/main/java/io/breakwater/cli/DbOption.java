package io.breakwater.cli;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that works on a store. */
final class DbOption {
    @Option(names = "--db", paramLabel = "LOCATION", defaultValue = "breakwater.duckdb",
            description = "Database: a DuckDB file (default ${DEFAULT-VALUE}), 'memory', or a SQLite/libSQL file "
                    + "(*.sqlite, *.db, sqlite:PATH).")
    String location;
}
