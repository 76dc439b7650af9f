package io.breakwater.etl.climate;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Merges several stations' monthly series into one, in a priority order: each month comes whole from the first
 * station whose month is complete (temperature and precipitation; failing that, temperature; failing that,
 * precipitation), and records that station. A month no station covers stays in the series with {@code null} values
 * and is listed in {@link Result#gaps()}: reported, never invented.
 */
public final class StationMerge {
    private StationMerge() {
    }

    /**
     * What a merge produced.
     *
     * @param months       the merged series, one row per month of the union of the stations' ranges
     * @param gaps         months for which no station had a complete temperature or precipitation record
     * @param monthsByStation how many months each station supplied
     */
    public record Result(List<ClimateMonth> months, List<YearMonth> gaps, Map<String, Integer> monthsByStation) {
    }

    /**
     * @param seriesId the merged series name, e.g. {@code toronto-merged}
     * @param stations station id to its monthly series, in priority order (first is preferred)
     */
    public static Result merge(String seriesId, LinkedHashMap<String, List<ClimateMonth>> stations) {
        Map<String, Map<YearMonth, ClimateMonth>> index = new LinkedHashMap<>();
        TreeSet<YearMonth> allMonths = new TreeSet<>();
        stations.forEach((station, months) -> {
            Map<YearMonth, ClimateMonth> byMonth = new HashMap<>();
            for (ClimateMonth m : months) {
                byMonth.put(m.month(), m);
                allMonths.add(m.month());
            }
            index.put(station, byMonth);
        });
        List<ClimateMonth> merged = new ArrayList<>();
        List<YearMonth> gaps = new ArrayList<>();
        Map<String, Integer> supplied = new LinkedHashMap<>();
        stations.keySet().forEach(s -> supplied.put(s, 0));
        if (allMonths.isEmpty()) {
            return new Result(merged, gaps, supplied);
        }
        Double previousMean = null;
        for (YearMonth m = allMonths.first(); !m.isAfter(allMonths.last()); m = m.plusMonths(1)) {
            ClimateMonth chosen = pick(index, m);
            ClimateMonth row;
            if (chosen == null) {
                gaps.add(m);
                row = new ClimateMonth(seriesId, m, null, null, null, null, null, null, null, null, null, 0, 0, 0,
                        false, false, null);
            } else {
                supplied.merge(chosen.sourceStation(), 1, Integer::sum);
                row = chosen.withSeries(seriesId, chosen.sourceStation());
            }
            Double change = row.tMean() != null && previousMean != null ? row.tMean() - previousMean : null;
            merged.add(row.withChange(change == null ? null : MonthlyAggregator.round(change)));
            previousMean = row.tMean();
        }
        return new Result(merged, gaps, supplied);
    }

    private static ClimateMonth pick(Map<String, Map<YearMonth, ClimateMonth>> index, YearMonth m) {
        for (int pass = 0; pass < 3; pass++) {
            for (Map.Entry<String, Map<YearMonth, ClimateMonth>> station : index.entrySet()) {
                ClimateMonth c = station.getValue().get(m);
                if (c == null) {
                    continue;
                }
                boolean ok = switch (pass) {
                    case 0 -> c.tempComplete() && c.precipComplete();
                    case 1 -> c.tempComplete();
                    default -> c.precipComplete();
                };
                if (ok) {
                    return c.sourceStation() == null ? c.withSeries(c.seriesId(), station.getKey()) : c;
                }
            }
        }
        return null;
    }
}
