package io.breakwater.synth.tables;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.AreasRecord;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jooq.DSLContext;

/**
 * An area-grain break history with a known hazard and known weather, written straight into the curated tables
 * ({@code areas}, {@code pipe_breaks_clean}, {@code climate_monthly}): area {@code a} sees Poisson breaks in month
 * {@code t} with mean {@code base_a * season(month) * exp(FI_t / 100 * FI_EFFECT)}, where the freezing index of each
 * winter month is drawn from a gamma spread around its calendar mean. One area-month can be planted at three times
 * its expected breaks, and {@link #replace} changes any area-month before writing. The same seed writes the same
 * history.
 */
public final class SyntheticBreakHistory {
    /** The true effect of 100 degree-days of freezing index on the log of the expected breaks. */
    public static final double FI_EFFECT = 0.45;
    private static final double[] SEASON = {1.6, 1.5, 1.2, 0.8, 0.7, 0.7, 0.8, 0.8, 0.8, 0.9, 1.0, 1.3};
    private static final double[] MEAN_FI = {220, 180, 80, 10, 0, 0, 0, 0, 0, 5, 40, 130};

    private final int areas;
    private final YearMonth first;
    private final int months;
    private final double[][] expected;
    private final int[][] counts;
    private final double[] freezingIndex;

    private SyntheticBreakHistory(int areas, YearMonth first, int months, double[][] expected, int[][] counts,
            double[] freezingIndex) {
        this.areas = areas;
        this.first = first;
        this.months = months;
        this.expected = expected;
        this.counts = counts;
        this.freezingIndex = freezingIndex;
    }

    /**
     * Generates the history of {@code areas} areas over {@code years} years from {@code first}; {@code planted}
     * (area, month index) gets three times its expected breaks, or nothing is planted when null.
     */
    public static SyntheticBreakHistory generate(long seed, int areas, YearMonth first, int years, int[] planted) {
        SplittableRandom rng = new SplittableRandom(seed);
        int months = years * 12;
        double[] fi = new double[months];
        for (int t = 0; t < months; t++) {
            // the calendar mean times a unit-mean gamma(4) draw: a cold winter month is about twice the mean now
            // and then
            fi[t] = MEAN_FI[first.plusMonths(t).getMonthValue() - 1] * Draws.gamma(rng, 4) / 4;
        }
        double[] base = new double[areas];
        for (int a = 0; a < areas; a++) {
            base[a] = 12 + 28 * rng.nextDouble();
        }
        double[][] expected = new double[areas][months];
        int[][] counts = new int[areas][months];
        for (int t = 0; t < months; t++) {
            double season = SEASON[first.plusMonths(t).getMonthValue() - 1] * Math.exp(FI_EFFECT * fi[t] / 100);
            for (int a = 0; a < areas; a++) {
                expected[a][t] = base[a] * season;
                counts[a][t] = Draws.poisson(rng, expected[a][t]);
            }
        }
        if (planted != null) {
            counts[planted[0]][planted[1]] = (int) Math.round(3 * expected[planted[0]][planted[1]]);
        }
        return new SyntheticBreakHistory(areas, first, months, expected, counts, fi);
    }

    /** The id of area {@code a} in {@code areas} and the breaks' {@code area_id}. */
    public static String areaId(int a) {
        return String.format("synthetic:%02d", a);
    }

    /** Months of history; month index 0 is the first month. */
    public int months() {
        return months;
    }

    /** The last month of history. */
    public YearMonth last() {
        return first.plusMonths(months - 1L);
    }

    /** The true expected breaks of area {@code a} in month index {@code t}. */
    public double expected(int a, int t) {
        return expected[a][t];
    }

    /** The breaks drawn for area {@code a} in month index {@code t}. */
    public int count(int a, int t) {
        return counts[a][t];
    }

    /** Makes area {@code a} in month index {@code t} have {@code count} breaks of {@code expected} true mean. */
    public void replace(int a, int t, int count, double expected) {
        this.counts[a][t] = count;
        this.expected[a][t] = expected;
    }

    /** Writes areas, breaks (each at its own spot, so no near-duplicate clusters) and the station's months. */
    public void writeTo(DSLContext dsl) {
        List<AreasRecord> areaRows = new ArrayList<>();
        for (int a = 0; a < areas; a++) {
            AreasRecord r = new AreasRecord();
            r.setAreaId(areaId(a));
            r.setAreaName("Area " + a);
            r.setAreaSet("synthetic");
            r.setGeometryWkt("POLYGON ((0 0, 1 0, 1 1, 0 0))");
            r.setRunId(1L);
            areaRows.add(r);
        }
        BulkRows.insert(dsl, AREAS, areaRows);
        List<PipeBreaksCleanRecord> breaks = new ArrayList<>();
        long id = 0;
        for (int t = 0; t < months; t++) {
            YearMonth m = first.plusMonths(t);
            for (int a = 0; a < areas; a++) {
                for (int k = 0; k < counts[a][t]; k++) {
                    breaks.add(breakRow(++id, m, a));
                }
            }
        }
        BulkRows.insert(dsl, PIPE_BREAKS_CLEAN, breaks);
        List<ClimateMonthlyRecord> climate = new ArrayList<>();
        for (int t = 0; t < months; t++) {
            climate.add(climateRow(first.plusMonths(t), freezingIndex[t]));
        }
        BulkRows.insert(dsl, CLIMATE_MONTHLY, climate);
    }

    private static PipeBreaksCleanRecord breakRow(long id, YearMonth m, int a) {
        PipeBreaksCleanRecord r = new PipeBreaksCleanRecord();
        r.setBreakId("synthetic:" + id);
        r.setSourceName("synthetic");
        r.setSourceRecordId(String.valueOf(id));
        r.setBreakDate(m.atDay(1 + (int) (id % m.lengthOfMonth())));
        r.setBreakYear(m.getYear());
        r.setBreakMonth(m.getMonthValue());
        r.setLon(-79.0 + a * 0.1 + (id % 997) * 0.0011);
        r.setLat(43.0 + (id / 997 % 997) * 0.0011);
        r.setAreaId(areaId(a));
        r.setRecordHash("h" + id);
        r.setRunId(1L);
        r.setSourceLine(id);
        return r;
    }

    /** A station month observed in full, with its freezing index. */
    private static ClimateMonthlyRecord climateRow(YearMonth m, double freezingIndex) {
        ClimateMonthlyRecord r = new ClimateMonthlyRecord();
        r.setSeriesId("synthetic-station");
        r.setMonthStart(m.atDay(1));
        r.setYear(m.getYear());
        r.setMonthOfYear(m.getMonthValue());
        r.setFreezingIndex(freezingIndex);
        r.setFreezeThawDays(0);
        r.setDaysInMonth(m.lengthOfMonth());
        r.setDaysObserved(m.lengthOfMonth());
        r.setTempDaysObserved(m.lengthOfMonth());
        r.setPrecipDaysObserved(m.lengthOfMonth());
        r.setTempComplete(true);
        r.setPrecipComplete(true);
        r.setRunId(1L);
        return r;
    }
}
