/**
 * The schema contract: Flyway migrations, the jOOQ classes generated from them, and {@link io.breakwater.db.BreakwaterStore},
 * the one entry point that opens, migrates and describes a DuckDB or SQLite/libSQL store.
 */
package io.breakwater.db;
