package io.breakwater.etl.climate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns daily observations into monthly summaries, one series per station. Every month from the first to the last
 * day present in the input is produced, observed or not, so that gaps show as rows with {@code null} values and
 * {@code *_complete = false} rather than disappearing or becoming zeros.
 */
public final class MonthlyAggregator {
    private final CompletenessRule rule;

    public MonthlyAggregator(CompletenessRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** Aggregates every station found in {@code days}; the result is ordered by station, then month. */
    public List<ClimateMonth> aggregate(List<DailyObservation> days) {
        Map<String, List<DailyObservation>> byStation = days.stream()
                .collect(Collectors.groupingBy(DailyObservation::stationId, TreeMap::new, Collectors.toList()));
        List<ClimateMonth> months = new ArrayList<>();
        byStation.forEach((station, list) -> months.addAll(aggregateStation(station, list)));
        return months;
    }

    private List<ClimateMonth> aggregateStation(String station, List<DailyObservation> days) {
        // one observation per day; a later one (a newer file) replaces an earlier one
        TreeMap<LocalDate, DailyObservation> byDay = new TreeMap<>();
        for (DailyObservation d : days) {
            byDay.put(d.date(), d);
        }
        if (byDay.isEmpty()) {
            return List.of();
        }
        YearMonth first = YearMonth.from(byDay.firstKey());
        YearMonth last = YearMonth.from(byDay.lastKey());
        List<ClimateMonth> months = new ArrayList<>();
        Double previousMean = null;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            ClimateMonth month = month(station, m, byDay.subMap(m.atDay(1), true, m.atEndOfMonth(), true));
            Double change = month.tMean() != null && previousMean != null ? round(month.tMean() - previousMean) : null;
            months.add(month.withChange(change));
            previousMean = month.tMean();
        }
        return months;
    }

    ClimateMonth month(String station, YearMonth m, Map<LocalDate, DailyObservation> days) {
        int length = m.lengthOfMonth();
        boolean[] tempSeen = new boolean[length];
        boolean[] precipSeen = new boolean[length];
        int daysObserved = 0;
        double sumMean = 0;
        double sumMin = 0;
        double sumMax = 0;
        int meanDays = 0;
        int tempDays = 0;
        double freezingIndex = 0;
        int frost = 0;
        int freezeThaw = 0;
        double precip = 0;
        double snow = 0;
        boolean snowSeen = false;
        int precipDays = 0;
        for (DailyObservation d : days.values()) {
            int i = d.date().getDayOfMonth() - 1;
            boolean any = false;
            Double mean = d.dailyMean();
            if (mean != null) {
                sumMean += mean;
                meanDays++;
                any = true;
            }
            if (d.hasTemperature()) {
                tempSeen[i] = true;
                tempDays++;
                sumMin += d.tMin();
                sumMax += d.tMax();
                freezingIndex += Math.max(0.0, -mean);
                if (d.tMin() < 0) {
                    frost++;
                    if (d.tMax() > 0) {
                        freezeThaw++;
                    }
                }
            }
            if (d.hasPrecipitation()) {
                precipSeen[i] = true;
                precipDays++;
                precip += d.precipMm();
                any = true;
            }
            if (d.snowCm() != null) {
                snow += d.snowCm();
                snowSeen = true;
                any = true;
            }
            if (any) {
                daysObserved++;
            }
        }
        boolean tempComplete = tempDays > 0 && rule.complete(tempSeen);
        boolean precipComplete = precipDays > 0 && rule.complete(precipSeen);
        return new ClimateMonth(station, m,
                meanDays > 0 ? round(sumMean / meanDays) : null,
                tempDays > 0 ? round(sumMin / tempDays) : null,
                tempDays > 0 ? round(sumMax / tempDays) : null,
                precipComplete ? round(precip) : null,
                precipComplete && snowSeen ? round(snow) : null,
                tempComplete ? round(freezingIndex) : null,
                tempComplete ? frost : null,
                tempComplete ? freezeThaw : null,
                null, daysObserved, tempDays, precipDays, tempComplete, precipComplete, station);
    }

    /** Rounds to 1e-6 to keep sums of tenths free of binary noise (0.30000000000000004). */
    static Double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
