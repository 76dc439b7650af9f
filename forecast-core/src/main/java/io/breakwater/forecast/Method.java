package io.breakwater.forecast;

import java.util.Locale;

/** The forecasting candidates that the back-test chooses among. */
public enum Method {
    /** Month-of-year rates with a log-linear trend: a negative-binomial regression on the calendar alone. */
    SEASONAL,
    /** The seasonal regression plus the month's freezing index and freeze-thaw days (weather scenarios apply). */
    CLIMATE_NB,
    /**
     * The risk model's expected breaks per asset over the next year, as the model stored them at each origin, summed
     * per area and spread over the months by the network's calendar shape (weather scenarios do not apply).
     */
    ML_COUNT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
