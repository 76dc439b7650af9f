package io.breakwater.cli;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.forecast.Anomaly;
import io.breakwater.forecast.ForecastResult;
import io.breakwater.forecast.Forecasts;
import io.breakwater.forecast.MonthForecast;
import java.io.PrintWriter;
import java.util.Comparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater forecast}: monthly break forecasts with intervals, their back-test, and anomalous months. */
@Command(name = "forecast")
final class ForecastCommand extends StoreCommand {
    @Option(names = "--threshold", paramLabel = "P", defaultValue = "0.01",
            description = "Tail probability below which a month is flagged (default ${DEFAULT-VALUE}).")
    double threshold;
    @Option(names = "--test-years", paramLabel = "N", defaultValue = "5",
            description = "Back-test years, the latest complete ones (default ${DEFAULT-VALUE}).")
    int testYears;
    @Option(names = "--horizon", paramLabel = "MONTHS", defaultValue = "12",
            description = "Months to forecast (default ${DEFAULT-VALUE}).")
    int horizon;
    @Mixin
    ClimateSeriesOption climateSeries;

    @Override
    public Integer call() {
        return onStore(Access.WRITE, (store, out) -> {
            ForecastResult r = Forecasts.on(store).anomalyThreshold(threshold).testYears(testYears)
                    .horizonMonths(horizon).climateSeries(climateSeries.id).build().run();
            out.println(r.summary());
            out.printf("%-8s %-13s %9s %13s %13s%n", "month", "scenario", "expected", "80%", "95%");
            for (MonthForecast f : r.forecasts()) {
                if (f.scope().equals("network") && !f.scenario().equals("any_weather")) {
                    out.printf("%-8s %-13s %9.1f %6d..%-6d %6d..%-6d%n", f.month(), f.scenario(), f.expected(),
                            f.lower80(), f.upper80(), f.lower95(), f.upper95());
                }
            }
            out.println("flagged network months:");
            r.flagged().stream().filter(a -> a.scope().equals("network")).sorted(Comparator.comparing(Anomaly::month))
                    .forEach(a -> out.printf("  %s %5d breaks, expected %.1f (95%% %d..%d), %s%n", a.month(),
                            a.observed(), a.expected(), a.lower95(), a.upper95(),
                            a.driverDetail() == null ? a.driver() : a.driver() + ": " + a.driverDetail()));
        });
    }
}
