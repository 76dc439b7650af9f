package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.ScoreExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater export scores --out DIR --format csv|parquet}: risk scores and back-test scores as files. */
@Command(name = "scores", mixinStandardHelpOptions = true,
        description = "Write risk_scores (every scored asset and month, with its model's feature set and target) and "
                + "backtest_scores (every asset's score, ranks and observed breaks in each test year of each "
                + "evaluation) as CSV or Parquet files into a folder.")
final class ExportScoresCommand implements Callable<Integer> {
    @Mixin
    DbOption db;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder (created if needed).")
    Path out;
    @Mixin
    ExportFileFormat format;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ScoreExport.Format f = format.parse(spec);
        if (java.nio.file.Files.isRegularFile(out)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "--out " + out
                    + " is a file: expected a folder for risk_scores and backtest_scores");
        }
        List<ScoreExport.Written> written;
        try (BreakwaterStore store = Stores.reading(db.location)) {
            written = ScoreExport.of(store, f).writeTo(out);
        }
        for (ScoreExport.Written file : written) {
            w.printf("  %-16s %,10d rows  %s%n", file.name(), file.rows(), file.file());
        }
        return 0;
    }
}
