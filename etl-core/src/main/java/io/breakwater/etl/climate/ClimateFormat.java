package io.breakwater.etl.climate;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The climate file formats Breakwater reads. */
public enum ClimateFormat {
    /** Environment and Climate Change Canada daily export: BOM, metadata block, legend, a flag after each value. */
    ECCC_DAILY("eccc-daily", true),
    /** NOAA GHCN-Daily by-station CSV ({@code STATION, DATE, PRCP, SNOW, TMAX, TMIN, *_ATTRIBUTES}), raw tenths. */
    GHCN_DAILY("ghcn-daily", true),
    /** NOAA Global Summary of the Month CSV ({@code STATION, NAME, DATE} as YYYY-MM, metric units). */
    GSOM("gsom", false),
    /** Any daily CSV, described entirely by its source mapping (columns, date patterns, units, flag codes). */
    CSV_DAILY("csv-daily", true),
    /** Any monthly CSV, described entirely by its source mapping; loads {@code climate_monthly} directly, like GSOM. */
    CSV_MONTHLY("csv-monthly", false);

    private final String key;
    private final boolean daily;

    ClimateFormat(String key, boolean daily) {
        this.key = key;
        this.daily = daily;
    }

    public String key() {
        return key;
    }

    public boolean isDaily() {
        return daily;
    }

    /** The file's shape comes from the mapping rather than from a published format. */
    public boolean isMapped() {
        return this == CSV_DAILY || this == CSV_MONTHLY;
    }

    /** Parses a mapping's {@code format.type}; an unknown type names the accepted ones. */
    public static ClimateFormat of(String key, String where) {
        for (ClimateFormat f : values()) {
            if (f.key.equalsIgnoreCase(key == null ? "" : key.trim())) {
                return f;
            }
        }
        throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, where + ": unknown climate format '" + key
                + "', expected one of " + Arrays.stream(values()).map(ClimateFormat::key)
                        .collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
