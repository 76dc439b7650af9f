package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.etl.CheckResult;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.LoadMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater ingest ...}: raw files to curated tables through a source mapping. */
@Command(name = "ingest",
        subcommands = {IngestCommand.Breaks.class, IngestCommand.Areas.class, IngestEnvCommands.Climate.class,
            IngestEnvCommands.Soil.class, IngestEnvCommands.Pipes.class, IngestEnvCommands.MatchPipes.class,
            IngestEnvCommands.Overlay.class, IngestEnvCommands.ClimateMergeCommand.class})
final class IngestCommand extends CommandGroup {

    /** Options every ingest shares. */
    static final class Common {
        @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "Source mapping (YAML or JSON).")
        Path mapping;
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The file to ingest.")
        Path file;
        @Option(names = "--full-refresh", description = "Also delete this source's rows that the file no longer holds.")
        boolean fullRefresh;

        Ingest ingest(BreakwaterStore store, ConsoleProgress progress) {
            return Ingest.into(store).withProgress(progress)
                    .withMode(fullRefresh ? LoadMode.FULL_REFRESH : LoadMode.INCREMENTAL);
        }
    }

    /** An ingest of one file into the store: opens the store, runs {@link #run}, prints to the command's output. */
    abstract static class FileCommand extends StoreCommand {
        @Mixin
        Common common;

        @Override
        public final Integer call() {
            return onStore(Access.CREATE, (store, out) -> run(common.ingest(store, progress()), out));
        }

        abstract void run(Ingest ingest, PrintWriter out);
    }

    @Command(name = "breaks")
    static final class Breaks extends FileCommand {
        @Mixin
        AreaSetOption areaSet;

        @Override
        void run(Ingest ingest, PrintWriter out) {
            print(out, ingest.breaks(common.mapping, common.file, areaSet.areas));
        }
    }

    @Command(name = "areas")
    static final class Areas extends FileCommand {
        @Override
        void run(Ingest ingest, PrintWriter out) {
            print(out, ingest.areas(common.mapping, common.file));
        }
    }

    /** The summary a person reads after an ingest. */
    static void print(PrintWriter out, IngestReport r) {
        out.printf(Locale.ROOT, "%s %s: run %d %s in %.1f s%n", r.kind(), r.sourceName(), r.runId(), r.status(), r.seconds());
        out.printf(Locale.ROOT, "  read      %,12d%n", r.rowsRead());
        out.printf(Locale.ROOT, "  loaded    %,12d  (%,d inserted, %,d updated, %,d unchanged%s)%n", r.rowsLoaded(),
                r.counts().inserted(), r.counts().updated(), r.counts().unchanged(),
                r.counts().deleted() > 0 ? String.format(Locale.ROOT, ", %,d deleted", r.counts().deleted()) : "");
        out.printf(Locale.ROOT, "  rejected  %,12d%n", r.rowsRejected());
        if (r.rowsFiltered() > 0) {
            out.printf(Locale.ROOT, "  filtered  %,12d  (kept out by the mapping's filter)%n", r.rowsFiltered());
        }
        out.printf(Locale.ROOT, "  flagged   %,12d%n", r.rowsFlagged());
        if (!r.counts().changedAnything()) {
            out.println("  nothing new" + (r.sameInputAsRun() != null
                    ? ": same file and mapping as run " + r.sameInputAsRun() : "") + "; the store is unchanged");
        }
        if (!r.reasons().isEmpty()) {
            out.println("  most frequent reasons:");
            r.reasons().stream().limit(6).forEach(reason -> out.printf(Locale.ROOT, "    %-22s %-9s %,10d%n",
                    reason.rule(), reason.outcome(), reason.rows()));
        }
        for (CheckResult w : r.warnings()) {
            out.println("  warning: " + w.checkName() + ": " + w.message());
        }
        out.flush();
    }
}
