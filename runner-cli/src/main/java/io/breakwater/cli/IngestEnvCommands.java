package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.etl.CheckResult;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.climate.ClimateIngest;
import io.breakwater.etl.climate.ClimateMerge;
import io.breakwater.etl.pipes.PipeMatcher;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code breakwater ingest climate|soil|pipes|match-pipes|soil-overlay|climate-merge}: the environment and asset sources, and the
 * steps that link them to breaks and areas.
 */
final class IngestEnvCommands {
    private IngestEnvCommands() {
    }

    @Command(name = "climate")
    static final class Climate extends IngestCommand.FileCommand {
        @Override
        void run(Ingest ingest, PrintWriter out) {
            ClimateIngest.ClimateReport report = ingest.climate(common.mapping, common.file);
            long unchanged = report.runs().stream().filter(r -> r.status().equals("unchanged")).count();
            for (IngestReport r : report.runs()) {
                if (!r.status().equals("unchanged") || report.runs().size() == 1) {
                    IngestCommand.print(out, r);
                }
            }
            if (unchanged > 0 && report.runs().size() > 1) {
                out.printf(Locale.ROOT, "%d of %d files unchanged (same file and mapping as an earlier run)%n",
                        unchanged, report.runs().size());
            }
            out.println(report.summary());
            if (!report.monthsWithoutData().isEmpty()) {
                out.printf(Locale.ROOT, "  months without any observation (left empty, never filled): %s%s%n",
                        report.monthsWithoutData().subList(0, Math.min(12, report.monthsWithoutData().size())),
                        report.monthsWithoutData().size() > 12 ? " ..." : "");
            }
            out.flush();
        }
    }

    @Command(name = "soil")
    static final class Soil extends IngestCommand.FileCommand {
        @Mixin
        AreaSetOption areaSet;

        @Override
        void run(Ingest ingest, PrintWriter out) {
            IngestCommand.print(out, ingest.soil(common.mapping, common.file, areaSet.areas));
        }
    }

    @Command(name = "pipes")
    static final class Pipes extends IngestCommand.FileCommand {
        @Override
        void run(Ingest ingest, PrintWriter out) {
            IngestCommand.print(out, ingest.pipes(common.mapping, common.file));
        }
    }

    @Command(name = "match-pipes")
    static final class MatchPipes extends StoreCommand {
        @Option(names = "--tolerance", paramLabel = "METRES", defaultValue = "25",
                description = "Snapping tolerance in metres (default ${DEFAULT-VALUE}).")
        double tolerance;
        @Option(names = "--min-match-rate", paramLabel = "SHARE", defaultValue = "0.9",
                description = "Share of breaks that must be linked for the check to pass (default ${DEFAULT-VALUE}).")
        double minRate;

        @Override
        public Integer call() {
            return onStore(Access.EXISTING, (store, out) -> {
                IngestReport report = Ingest.into(store)
                        .withProgress(progress())
                        .matchPipes(new PipeMatcher.Options(tolerance, minRate));
                printQuality(out, report);
            });
        }
    }

    @Command(name = "soil-overlay")
    static final class Overlay extends StoreCommand {

        @Override
        public Integer call() {
            return onStore(Access.EXISTING, (store, out) -> {
                IngestReport report = Ingest.into(store).withProgress(progress()).soilOverlay();
                printQuality(out, report);
            });
        }
    }

    @Command(name = "climate-merge")
    static final class ClimateMergeCommand extends StoreCommand {
        @Option(names = "--series", required = true, paramLabel = "NAME", description = "Name of the merged series.")
        String series;
        @Option(names = "--stations", required = true, split = ",", paramLabel = "ID",
                description = "Station ids, most preferred first (comma-separated).")
        java.util.List<String> stations;

        @Override
        public Integer call() {
            return onStore(Access.EXISTING, (store, out) -> {
                ClimateMerge merge = new ClimateMerge(series, stations);
                IngestReport report = Ingest.into(store).mergeClimate(merge);
                out.printf(Locale.ROOT, "climate merge %s: %d months; supplied by %s%n", series, report.rowsLoaded(),
                        merge.monthsByStation());
                printQuality(out, report);
            });
        }
    }

    /** The run's summary line, then each check with its status and measured value. */
    static void printQuality(PrintWriter out, IngestReport report) {
        out.println(report.summary());
        out.printf(Locale.ROOT, "  run %d, quality results:%n", report.runId());
        for (CheckResult q : report.checks()) {
            out.printf(Locale.ROOT, "    %-28s %-7s %s%n", q.checkName(), q.status(),
                    q.observedValue() == null ? "-" : String.format(Locale.ROOT, "%.3f", q.observedValue()));
        }
        out.flush();
    }
}
