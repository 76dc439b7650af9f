package io.breakwater.forecast;

import io.breakwater.synth.tables.SyntheticBreakHistory;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * The synthetic area break history the forecast tests share ({@code synth}'s {@link SyntheticBreakHistory}): 12 areas
 * from January 2005 over 14 years, a model's scores stored in January 2019.
 */
final class ForecastHistory {
    static final YearMonth FIRST = YearMonth.of(2005, 1);
    static final int AREAS = 12;
    static final int YEARS = 14;
    static final LocalDateTime NOW = LocalDateTime.of(2019, 1, 15, 0, 0);

    private ForecastHistory() {
    }

    /** The history of {@code seed}; {@code planted} (area, month index) breaks three times its mean, or none. */
    static SyntheticBreakHistory generate(long seed, int[] planted) {
        return SyntheticBreakHistory.generate(seed, AREAS, FIRST, YEARS, planted);
    }
}
