package io.breakwater.etl.climate;

import java.time.LocalDate;
import java.util.Set;

/**
 * One station day, in metric units, with missing values as {@code null} (never zero).
 *
 * @param stationId  the station identifier (ECCC climate id, GHCN id, ...)
 * @param date       the day
 * @param tMax       maximum temperature, degC
 * @param tMin       minimum temperature, degC
 * @param tMean      mean temperature as reported, degC (the monthly summary uses (max+min)/2 when both exist)
 * @param precipMm   total precipitation, mm; a trace is 0 with the flag {@link DailyFlag#TRACE}
 * @param snowCm     snowfall, cm
 * @param flags      what the source said about the values (estimated, trace, ...)
 * @param sourceLine the physical line of the source file (1-based)
 */
public record DailyObservation(String stationId, LocalDate date, Double tMax, Double tMin, Double tMean,
        Double precipMm, Double snowCm, Set<DailyFlag> flags, long sourceLine) {

    public DailyObservation {
        flags = Set.copyOf(flags);
    }

    /** Both extremes are known, so the day counts for temperature. */
    public boolean hasTemperature() {
        return tMax != null && tMin != null;
    }

    public boolean hasPrecipitation() {
        return precipMm != null;
    }

    /** The day's mean temperature: (max+min)/2 when both are known, else the reported mean, else {@code null}. */
    public Double dailyMean() {
        if (hasTemperature()) {
            return (tMax + tMin) / 2.0;
        }
        return tMean;
    }

    /** Flags as a short comma-separated text for {@code climate_daily.flags}, or {@code null} when there are none. */
    public String flagText() {
        return flags.isEmpty() ? null : String.join(",", flags.stream().map(f -> f.name().toLowerCase())
                .sorted().toList());
    }
}
