package io.breakwater.forecast;

import java.util.Locale;

/** The forecasting candidates that the back-test chooses among. */
public enum Method {
    /** Month-of-year rates with a log-linear trend: a negative-binomial regression on the calendar alone. */
    SEASONAL,
    /** The seasonal regression plus the month's freezing index and freeze-thaw days (weather scenarios apply). */
    CLIMATE_NB;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
