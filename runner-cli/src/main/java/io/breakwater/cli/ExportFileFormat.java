package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.TableExport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --format csv|parquet} of the file exports ({@code export scores}, {@code export table}). */
final class ExportFileFormat {
    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv (default) or parquet.")
    String format;

    /** The format asked for; an unknown one is a usage error (exit 2) naming the option. */
    TableExport.Format parse(CommandSpec spec) {
        try {
            return TableExport.Format.parse(format);
        } catch (BreakwaterException e) {
            throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
        }
    }
}
