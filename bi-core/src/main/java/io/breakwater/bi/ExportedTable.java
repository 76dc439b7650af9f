package io.breakwater.bi;

import java.nio.file.Path;

/**
 * One table written by a Power BI export.
 *
 * @param table the star table
 * @param file  the file written
 * @param rows  rows written (the table's row count at export time)
 * @param bytes the file's size
 */
public record ExportedTable(String table, Path file, long rows, long bytes) {
}
