package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.ml.ScoreExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code breakwater export table NAME --out FILE --format csv|parquet}: any table of the store as one file. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Write every row of one table of the store (pipes, pipe_break_risk_scores, "
                + "evaluation_backtest_scores, ...) as a CSV or Parquet file. An unknown name lists the tables there.")
final class ExportTableCommand implements Callable<Integer> {
    @Mixin
    DbOption db;
    @Parameters(index = "0", paramLabel = "NAME", description = "The table, e.g. pipes or model_registry.")
    String table;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced).")
    Path out;
    @Mixin
    ExportFileFormat format;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ScoreExport.Format f = format.parse(spec);
        ScoreExport.Written written;
        try (BreakwaterStore store = Stores.reading(db.location)) {
            written = ScoreExport.of(store, f).writeTable(table, out);
        }
        w.printf("  %-16s %,10d rows  %s%n", written.name(), written.rows(), written.file());
        return 0;
    }
}
