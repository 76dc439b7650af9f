package io.breakwater.forecast;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StepBuilder;
import io.breakwater.forecast.internal.ForecastEngine;
import io.breakwater.forecast.internal.ForecastStore;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Monthly break forecasts with prediction intervals, per area and for the network, under a normal and a 1-in-10
 * cold winter; the method chosen by rolling-origin back-test; and every past month judged against the forecast
 * made before it. The entry point of forecast-core.
 *
 * <pre>{@code
 * ForecastResult result = Forecasts.on(store).clock(clock).anomalyThreshold(0.01).build().run();
 * }</pre>
 *
 * Reads {@code pipe_breaks_clean}, {@code areas} and {@code climate_monthly} (and, for the count-model candidate and
 * pipe forecasts, what the risk model stored: evaluations, their back-test scores, risk scores); writes {@code forecast_runs},
 * {@code break_forecasts}, {@code forecast_backtest_metrics} and {@code break_anomalies}. Immutable; a re-run with
 * the same data replaces the rows of the same forecast id.
 */
public final class Forecasts {
    /** The tail probability below which a month is flagged, unless configured. */
    public static final double DEFAULT_THRESHOLD = 0.01;
    /** Complete years of break history a forecast needs: three to fit, one to test. */
    public static final int MIN_HISTORY_YEARS = ForecastEngine.WARM_UP_YEARS + 1;
    private static final String STEP = "forecast";

    private final BreakwaterStore store;
    private final Clock clock;
    private final ProgressListener progress;
    private final ForecastEngine engine;

    private Forecasts(Builder b) {
        this.store = b.store;
        this.clock = b.clock();
        this.progress = b.progress();
        this.engine = new ForecastEngine(b.horizon, b.testYears, b.threshold, b.climateSeries);
    }

    public static Builder on(BreakwaterStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /**
     * True when the store holds at least {@link #MIN_HISTORY_YEARS} complete years of break records (trailing months
     * whose records collapsed do not count): what {@link #run()} needs.
     */
    public boolean hasEnoughHistory() {
        return ForecastEngine.enoughHistory(store.dsl());
    }

    /** Forecasts, back-tests and scans the history, stores the results and returns them (one progress step). */
    public ForecastResult run() {
        progress.started(STEP, -1, "months");
        ForecastResult result = engine.run(store.dsl());
        ForecastStore.write(store.dsl(), result, LocalDateTime.now(clock));
        progress.finished(STEP, result.summary());
        return result;
    }

    /**
     * Configures a forecast run; {@link #build()} validates. Its clock stamps the run; its progress listener hears the
     * run as one step, {@code forecast}.
     */
    public static final class Builder extends StepBuilder<Builder> {
        private final BreakwaterStore store;
        private int horizon = 12;
        private int testYears = 5;
        private double threshold = DEFAULT_THRESHOLD;
        private String climateSeries;

        private Builder(BreakwaterStore store) {
            this.store = store;
        }

        /** Months forecast, 1 to 36 (default 12). */
        public Builder horizonMonths(int months) {
            this.horizon = months;
            return this;
        }

        /** Back-test years, the latest complete ones, 1 to 30 (default 5). */
        public Builder testYears(int years) {
            this.testYears = years;
            return this;
        }

        /** Tail probability below which a month is flagged, in (0, 0.5) (default 0.01). */
        public Builder anomalyThreshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** The climate_monthly series to read (default: {@link io.breakwater.db.ClimateSeries#choose}). */
        public Builder climateSeries(String series) {
            this.climateSeries = series;
            return this;
        }

        public Forecasts build() {
            check(horizon >= 1 && horizon <= 36, "forecast horizon", horizon, "1 to 36 months");
            check(testYears >= 1 && testYears <= 30, "back-test years", testYears, "1 to 30");
            check(threshold > 0 && threshold < 0.5, "anomaly threshold", threshold, "a tail probability above 0 "
                    + "and below 0.5, e.g. 0.01");
            return new Forecasts(this);
        }

        private static void check(boolean ok, String what, Object value, String expected) {
            if (!ok) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, what + " " + value + ": expected "
                        + expected);
            }
        }
    }
}
