package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.ScoreExport;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater export scores --out DIR --format csv|parquet}: risk scores and back-test scores as files. */
@Command(name = "scores",
        description = "Write risk_scores (every scored asset and month, with its model's feature set and target) and "
                + "backtest_scores (every asset's score, ranks and observed breaks in each test year of each "
                + "evaluation) as CSV or Parquet files into a folder.")
final class ExportScoresCommand extends ExportFileCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder (created if needed).")
    Path out;

    @Override
    void checkOut() {
        if (Files.isRegularFile(out)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "--out " + out
                    + " is a file: expected a folder for risk_scores and backtest_scores");
        }
    }

    @Override
    public Integer call() {
        return export((store, f) -> ScoreExport.of(store, f).writeTo(out));
    }
}
