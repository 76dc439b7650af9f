package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.TableExport;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;

/** The file exports ({@code export scores}, {@code export table}): the store read-only, a format, one line a file. */
abstract class ExportFileCommand extends StoreCommand {
    @Mixin
    ExportFileFormat format;

    /** Refuses an {@code --out} the export cannot write to, before the store is opened; by default none. */
    void checkOut() {
    }

    /** Opens the store read-only, writes its files through {@code write} and prints one line for each. */
    Integer export(BiFunction<BreakwaterStore, TableExport.Format, List<TableExport.Written>> write) {
        TableExport.Format f = format.parse(spec);
        checkOut();
        List<TableExport.Written> written;
        try (BreakwaterStore store = Stores.reading(db.location)) {
            written = write.apply(store, f);
        }
        PrintWriter w = out();
        for (TableExport.Written file : written) {
            w.printf("  %-16s %,10d rows  %s%n", file.name(), file.rows(), file.file());
        }
        return 0;
    }
}
