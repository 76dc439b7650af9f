package io.breakwater.cli;

import io.breakwater.db.TableExport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code breakwater export table NAME --out FILE --format csv|parquet}: any table of the store as one file. */
@Command(name = "table")
final class ExportTableCommand extends ExportFileCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The table, e.g. pipes or model_registry.")
    String table;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced).")
    Path out;

    @Override
    public Integer call() {
        return export((store, f) -> List.of(TableExport.of(store, f).writeTable(table, out)));
    }
}
