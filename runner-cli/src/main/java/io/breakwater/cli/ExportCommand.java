package io.breakwater.cli;

import io.breakwater.bi.ExportFormat;
import io.breakwater.bi.ExportResult;
import io.breakwater.bi.ExportedTable;
import io.breakwater.bi.PowerBiExport;
import io.breakwater.db.BreakwaterStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater export ...}: files for other tools. */
@Command(name = "export",
        subcommands = {ExportCommand.PowerBi.class, ExportScoresCommand.class, ExportTableCommand.class})
final class ExportCommand extends CommandGroup {

    @Command(name = "powerbi")
    static final class PowerBi extends StarCommand {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder (created if needed).")
        Path out;
        @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
                description = "parquet (default) or csv.")
        String format;
        @Option(names = "--title", paramLabel = "TEXT", description = "Title of the README (default: Breakwater).")
        String title;
        @Option(names = "--powerbi-folder", paramLabel = "PATH",
                description = "The export folder as the Power BI machine sees it (e.g. \\\\server\\bi\\powerbi); "
                        + "goes into the .pbids file and the project's folder parameter.")
        String powerBiFolder;

        @Override
        public Integer call() {
            PrintWriter w = out();
            ExportFormat exportFormat = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "parquet" -> ExportFormat.PARQUET;
                case "csv" -> ExportFormat.CSV;
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--format: unknown format '" + format + "', expected parquet or csv");
            };
            ConsoleProgress progress = progress();
            ExportResult result;
            try (BreakwaterStore store = openStar(progress)) {
                result = PowerBiExport.to(out).format(exportFormat).title(title).powerBiFolder(powerBiFolder).build()
                        .export(store, progress);
            }
            for (ExportedTable t : result.tables()) {
                w.printf("  %-24s %,10d rows  %s%n", t.table(), t.rows(), t.file().getFileName());
            }
            w.printf("Open %s in Power BI Desktop (model, measures and report pages ready), or %s for the bare "
                    + "tables; %s says more.%n", result.pbipFile(), result.pbidsFile(), result.readme());
            return 0;
        }
    }
}
