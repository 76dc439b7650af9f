package io.breakwater.etl.climate;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Words;

/** The climate file formats Breakwater reads. */
public enum ClimateFormat {
    /** Environment and Climate Change Canada daily export: BOM, metadata block, legend, a flag after each value. */
    ECCC_DAILY(true),
    /** NOAA GHCN-Daily by-station CSV ({@code STATION, DATE, PRCP, SNOW, TMAX, TMIN, *_ATTRIBUTES}), raw tenths. */
    GHCN_DAILY(true),
    /** NOAA Global Summary of the Month CSV ({@code STATION, NAME, DATE} as YYYY-MM, metric units). */
    GSOM(false),
    /** Any daily CSV, described entirely by its source mapping (columns, date patterns, units, flag codes). */
    CSV_DAILY(true),
    /** Any monthly CSV, described entirely by its source mapping; loads {@code climate_monthly} directly, like GSOM. */
    CSV_MONTHLY(false);

    private final boolean daily;

    ClimateFormat(boolean daily) {
        this.daily = daily;
    }

    /** The {@code format.type} of a mapping: {@code eccc-daily}, {@code ghcn-daily}, {@code gsom}, ... */
    public String key() {
        return Words.of(this).replace('_', '-');
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
        return Words.find(ClimateFormat.class, ClimateFormat::key, key).orElseThrow(() -> new BreakwaterException(
                ErrorCode.INVALID_CONFIGURATION, where + ": " + Words.unknown(ClimateFormat.class, ClimateFormat::key,
                        key, "climate format")));
    }

    @Override
    public String toString() {
        return key();
    }
}
