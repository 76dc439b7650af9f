package io.breakwater.etl.climate.internal;

/** Rounding that removes binary noise from scaled decimal values. */
final class MonthlyRound {
    private MonthlyRound() {
    }

    /** Rounds to 1e-6, enough for values published in tenths or hundredths. */
    static double tenth(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
