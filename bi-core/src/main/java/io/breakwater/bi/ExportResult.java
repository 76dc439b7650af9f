package io.breakwater.bi;

import java.nio.file.Path;
import java.util.List;

/**
 * What a Power BI export wrote.
 *
 * @param directory the export folder
 * @param format    the file format of the tables
 * @param tables    one entry per dimension and fact table, in name order
 * @param pbidsFile the Power BI data source file pointing at the folder
 * @param readme    the README describing how to load the folder and which relationships to draw
 * @param pbipFile  the Power BI project (model, relationships, measures, report pages) beside the files
 */
public record ExportResult(Path directory, ExportFormat format, List<ExportedTable> tables, Path pbidsFile,
        Path readme, Path pbipFile) {

    public ExportResult {
        tables = List.copyOf(tables);
    }

    public long totalRows() {
        return tables.stream().mapToLong(ExportedTable::rows).sum();
    }
}
