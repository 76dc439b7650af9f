package io.breakwater.forecast.internal;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ClimateSeries;
import io.breakwater.db.ErrorCode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Monthly break counts per area and for the whole network, the observed weather of each month, and the largest
 * cluster of near-duplicate breaks (same spot to about 100 m) per area-month, read from the curated tables.
 * Months are indexed from the first month of break history.
 */
public final class BreakHistory {
    /** Rounding of coordinates that puts breaks on one spot of a street into one cluster (about 80-110 m). */
    private static final int CLUSTER_DECIMALS = 3;

    final YearMonth first;
    final int months;
    final int[] network;
    final List<String> areaIds;
    final int[][] areaCounts;
    final int[][] largestCluster;
    final Weather weather;

    private BreakHistory(YearMonth first, int months, int[] network, List<String> areaIds, int[][] areaCounts,
            int[][] largestCluster, Weather weather) {
        this.first = first;
        this.months = months;
        this.network = network;
        this.areaIds = areaIds;
        this.areaCounts = areaCounts;
        this.largestCluster = largestCluster;
        this.weather = weather;
    }

    /** Reads the history, with the weather of {@code climateSeries} ({@link ClimateSeries#choose}). */
    public static BreakHistory read(DSLContext dsl, String climateSeries) {
        var span = dsl.select(DSL.min(PIPE_BREAKS_CLEAN.BREAK_DATE), DSL.max(PIPE_BREAKS_CLEAN.BREAK_DATE))
                .from(PIPE_BREAKS_CLEAN).fetchOne();
        if (span == null || span.value1() == null) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                    "no break records in pipe_breaks_clean: ingest breaks before forecasting");
        }
        YearMonth first = YearMonth.from(span.value1());
        long firstKey = index(first);
        int months = (int) (index(YearMonth.from(span.value2())) - firstKey + 1);
        TreeSet<String> ids = new TreeSet<>(dsl.select(AREAS.AREA_ID).from(AREAS).fetch(AREAS.AREA_ID));
        var year = PIPE_BREAKS_CLEAN.BREAK_YEAR;
        var monthOfYear = PIPE_BREAKS_CLEAN.BREAK_MONTH;
        List<Record> rows = new ArrayList<>(dsl.select(PIPE_BREAKS_CLEAN.AREA_ID, year, monthOfYear, DSL.count())
                .from(PIPE_BREAKS_CLEAN).groupBy(PIPE_BREAKS_CLEAN.AREA_ID, year, monthOfYear).fetch());
        rows.forEach(r -> {
            if (r.get(0) != null) {
                ids.add(r.get(0, String.class));
            }
        });
        List<String> areaIds = List.copyOf(ids);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < areaIds.size(); i++) {
            index.put(areaIds.get(i), i);
        }
        int[] network = new int[months];
        int[][] counts = new int[areaIds.size()][months];
        for (Record r : rows) {
            int t = monthIndex(r, firstKey, months);
            if (t < 0) {
                continue;
            }
            int n = r.get(3, Integer.class);
            network[t] += n;
            if (r.get(0) != null) {
                counts[index.get(r.get(0, String.class))][t] += n;
            }
        }
        int[][] clusters = new int[areaIds.size()][months];
        var lon = DSL.round(PIPE_BREAKS_CLEAN.LON, CLUSTER_DECIMALS);
        var lat = DSL.round(PIPE_BREAKS_CLEAN.LAT, CLUSTER_DECIMALS);
        for (Record r : dsl.select(PIPE_BREAKS_CLEAN.AREA_ID, year, monthOfYear, DSL.count())
                .from(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.AREA_ID.isNotNull().and(PIPE_BREAKS_CLEAN.LON.isNotNull()))
                .groupBy(PIPE_BREAKS_CLEAN.AREA_ID, year, monthOfYear, lon, lat).having(DSL.count().gt(1)).fetch()) {
            int t = monthIndex(r, firstKey, months);
            if (t >= 0) {
                int a = index.get(r.get(0, String.class));
                clusters[a][t] = Math.max(clusters[a][t], r.get(3, Integer.class));
            }
        }
        return new BreakHistory(first, months, network, areaIds, counts, clusters,
                readWeather(dsl, climateSeries, first, months));
    }

    private static Weather readWeather(DSLContext dsl, String series, YearMonth first, int months) {
        String chosen = ClimateSeries.choose(dsl, series);
        if (chosen == null) {
            return Weather.none(months);
        }
        double[] fi = new double[months];
        double[] ftd = new double[months];
        Arrays.fill(fi, Double.NaN);
        Arrays.fill(ftd, Double.NaN);
        List<Weather.Observation> observations = new ArrayList<>();
        for (var r : dsl.select(CLIMATE_MONTHLY.MONTH_START, CLIMATE_MONTHLY.FREEZING_INDEX,
                        CLIMATE_MONTHLY.FREEZE_THAW_DAYS).from(CLIMATE_MONTHLY)
                .where(CLIMATE_MONTHLY.SERIES_ID.eq(chosen).and(CLIMATE_MONTHLY.TEMP_COMPLETE.isTrue()))
                .orderBy(CLIMATE_MONTHLY.MONTH_START).fetch()) {
            if (r.value2() == null || r.value3() == null) {
                continue;
            }
            YearMonth m = YearMonth.from(r.value1());
            observations.add(new Weather.Observation(m, r.value2(), r.value3()));
            int t = (int) (index(m) - index(first));
            if (t >= 0 && t < months) {
                fi[t] = r.value2();
                ftd[t] = r.value3();
            }
        }
        return new Weather(chosen, fi, ftd, observations);
    }

    static long index(YearMonth m) {
        return m.getYear() * 12L + m.getMonthValue() - 1;
    }

    /** The history index of a row's break_year (column 1) and break_month (column 2), or -1 outside the span. */
    private static int monthIndex(Record r, long firstKey, int months) {
        long t = r.get(1, Integer.class) * 12L + r.get(2, Integer.class) - 1 - firstKey;
        return t < 0 || t >= months ? -1 : (int) t;
    }

    YearMonth monthAt(int t) {
        return first.plusMonths(t);
    }

    int monthOfYear(int t) {
        return monthAt(t).getMonthValue();
    }
}
