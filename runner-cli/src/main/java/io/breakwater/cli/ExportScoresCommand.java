package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.ScoreExport;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater export scores --out DIR --format csv|parquet}: risk scores and back-test scores as files. */
@Command(name = "scores")
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
