package io.breakwater.features;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.Locale;

/**
 * How often the panel takes a snapshot of each asset.
 * <ul>
 *   <li>{@link #MONTH}: one row per asset and month (the monthly panel; seasonality and monthly labels);</li>
 *   <li>{@link #YEAR}: one row per asset and year, its December row: features as of the end of the year (the
 *       cut-off of 1 January), label = breaks in the next 12 months. The panel's last month is kept as well, so that
 *       the newest state can be scored. Twelve times fewer rows; every trailing and cumulative count is still computed
 *       over the months.</li>
 * </ul>
 * A back-test scores each test year on its December rows, so both periods give the same evaluation in meaning.
 */
public enum Period {
    MONTH, YEAR;

    /** Parses {@code month} or {@code year}. */
    public static Period parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "month" -> MONTH;
            case "year" -> YEAR;
            default -> throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "period '" + text + "': expected month or year");
        };
    }

    /** {@code month} or {@code year}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
