package io.breakwater.db;

/**
 * One table of the schema contract and how many rows it holds.
 *
 * @param name     the table name
 * @param rowCount rows currently in the table
 */
public record TableSummary(String name, long rowCount) {
}
