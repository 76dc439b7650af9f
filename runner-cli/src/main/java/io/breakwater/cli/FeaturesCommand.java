package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.features.FeatureBuild;
import io.breakwater.features.FeatureBuildResult;
import io.breakwater.features.FeatureSetDefinition;
import io.breakwater.features.Grain;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater features ...}: the monthly asset panel. */
@Command(name = "features",
        subcommands = {FeaturesCommand.Build.class})
final class FeaturesCommand extends CommandGroup {

    @Command(name = "build")
    static final class Build extends StoreCommand {

        @Option(names = "--grain", paramLabel = "GRAIN", defaultValue = "pipe",
                description = "pipe, area or grid:SIZE (cells of SIZE metres); default ${DEFAULT-VALUE}.")
        String grain;

        @Mixin
        LabelHorizonOption horizon;

        @Option(names = "--name", paramLabel = "NAME", description = "Feature set name; default panel-GRAIN-hH.")
        String name;

        @Option(names = "--set-version", paramLabel = "VERSION", defaultValue = "1",
                description = "Feature set version; rebuilding the same version replaces it. Default ${DEFAULT-VALUE}.")
        String version;

        @Mixin
        ClimateSeriesOption climateSeries;

        @Option(names = "--neighbour-distance", paramLabel = "METRES", defaultValue = "100",
                description = "Pipe grain: pipes within this distance are neighbours; default ${DEFAULT-VALUE}.")
        double neighbourDistance;

        @Option(names = "--from", paramLabel = "YYYY-MM", description = "First month; default: first month of breaks.")
        YearMonth from;

        @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last month; default: last month of breaks.")
        YearMonth to;


        @Override
        public Integer call() {
            FeatureSetDefinition definition = FeatureSetDefinition.builder().grain(Grain.parse(grain))
                    .horizonMonths(horizon.months).name(name).version(version).climateSeriesId(climateSeries.id)
                    .neighbourDistanceM(neighbourDistance).firstMonth(from).lastMonth(to).build();
            return onStore(Access.WRITE, (store, out) -> {
                FeatureBuildResult result = FeatureBuild.on(store).progress(progress())
                        .run(definition);
                print(out, result);
            });
        }

        static void print(PrintWriter out, FeatureBuildResult r) {
            out.printf("feature set     %s%s%n", r.featureSetId(), r.replacedPrevious() ? " (replaced the previous build)" : "");
            out.printf("definition      %s%n", r.definitionHash());
            out.printf("grain, horizon  %s, %d months%n", r.grain(), r.horizonMonths());
            out.printf("months          %s..%s (%d)%n", r.firstMonth(), r.lastMonth(), r.monthCount());
            out.printf("assets          %,d (%,d neighbour pairs)%n", r.assetCount(), r.neighbourPairs());
            out.printf("rows            %,d%n", r.rowCount());
            out.printf("breaks          %,d counted, %,d unassigned, %,d before their pipe's install year%n",
                    r.breaksInPanel(), r.breaksUnassigned(), r.breaksBeforeInstall());
            out.printf("climate series  %s%n", r.climateSeriesId() == null ? "none (climate columns are NULL)"
                    : r.climateSeriesId());
            out.printf("input runs      %s%n", r.inputRuns());
            StringBuilder steps = new StringBuilder();
            for (Map.Entry<String, Duration> e : r.stepTimings().entrySet()) {
                steps.append(steps.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(ConsoleProgress.seconds(e.getValue()));
            }
            out.printf("time            %s (%s)%n", ConsoleProgress.seconds(r.total()), steps);
            out.flush();
        }
    }
}
