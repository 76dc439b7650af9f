package io.breakwater.cli;

import io.breakwater.bi.Report;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater report}: the offline HTML report. */
@Command(name = "report")
final class ReportCommand extends StarCommand {
    @Option(names = "--out", defaultValue = "report.html", paramLabel = "FILE",
            description = "HTML file to write (default ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--title", paramLabel = "TEXT", description = "Report title.")
    String title;

    @Override
    public Integer call() {
        Path file = out.toAbsolutePath().normalize();
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot write report " + file + ": folder " + file.getParent() + " does not exist");
        }
        ConsoleProgress progress = progress();
        Report.Builder builder = Report.builder().clock(Clock.systemUTC());
        if (title != null) {
            builder.title(title);
        }
        try (BreakwaterStore store = openStar(progress)) {
            builder.build().write(store, file, progress);
        }
        return 0;
    }
}
