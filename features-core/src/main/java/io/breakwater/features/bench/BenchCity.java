package io.breakwater.features.bench;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.AreasRecord;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import io.breakwater.db.schema.tables.records.PipesRecord;
import io.breakwater.db.schema.tables.records.SoilZonesRecord;
import io.breakwater.db.BulkRows;
import io.breakwater.features.internal.LocalProjection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A simple generated city for benchmarks: pipes laid on a street lattice, square districts, four soil zones, one
 * climate series, and breaks drawn month by month from a known hazard (material, age, winter cold, soil). Written
 * straight into the curated tables; deterministic for a seed.
 *
 * @param pipes     number of pipes
 * @param years     years of break history, ending with {@code lastYear}
 * @param lastYear  the last year of data
 * @param seed      random seed
 */
public record BenchCity(int pipes, int years, int lastYear, long seed) {
    private static final String[] MATERIALS = {"cast_iron", "ductile_iron", "pvc", "asbestos_cement", "steel",
        "concrete", "polyethylene", "unknown"};
    private static final double[] MATERIAL_WEIGHT = {0.35, 0.25, 0.2, 0.08, 0.04, 0.03, 0.03, 0.02};
    private static final double[] MATERIAL_HAZARD = {2.5, 1.0, 0.6, 1.4, 1.2, 0.9, 0.5, 1.0};
    private static final double SPACING_M = 150.0;
    private static final double LON0 = -79.40;
    private static final double LAT0 = 43.70;
    private static final long RUN_ID = 900_001L;

    /** What was written. */
    public record Filled(int pipes, int areas, int breaks, int climateMonths, YearMonth firstMonth, YearMonth lastMonth) {
    }

    public YearMonth firstMonth() {
        return YearMonth.of(lastYear - years + 1, 1);
    }

    public YearMonth lastMonth() {
        return YearMonth.of(lastYear, 12);
    }

    /** Writes the city into the curated tables of {@code store}. */
    public Filled fill(BreakwaterStore store) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalProjection projection = new LocalProjection(LON0, LAT0);
        int side = (int) Math.ceil(Math.sqrt(pipes));
        int districtCells = Math.max(4, side / 8);
        int districts = (side + districtCells - 1) / districtCells;
        double extent = side * SPACING_M;

        List<AreasRecord> areas = new ArrayList<>();
        for (int r = 0; r < districts; r++) {
            for (int c = 0; c < districts; c++) {
                double x0 = c * districtCells * SPACING_M;
                double y0 = r * districtCells * SPACING_M;
                double size = districtCells * SPACING_M;
                AreasRecord a = new AreasRecord();
                a.setAreaId(areaId(c, r));
                a.setAreaCode(areaId(c, r));
                a.setAreaName("District " + areaId(c, r));
                a.setAreaSet("bench-districts");
                a.setAreaKm2(size * size / 1e6);
                a.setCentroidLon(projection.lon(x0 + size / 2));
                a.setCentroidLat(projection.lat(y0 + size / 2));
                a.setGeometryWkt(box(projection, x0, y0, x0 + size, y0 + size));
                a.setRunId(RUN_ID);
                areas.add(a);
            }
        }
        List<SoilZonesRecord> soils = new ArrayList<>();
        double[] corrosivity = {0.2, 0.5, 0.8, 0.35};
        for (int q = 0; q < 4; q++) {
            double x0 = (q % 2) * extent / 2;
            double y0 = (q / 2) * extent / 2;
            SoilZonesRecord z = new SoilZonesRecord();
            z.setZoneId("soil-" + q);
            z.setSoilType(q % 2 == 0 ? "clay" : "sand");
            z.setCorrosivityIndex(corrosivity[q]);
            z.setShrinkSwellIndex(q % 2 == 0 ? 0.6 : 0.2);
            z.setIsSynthetic(true);
            z.setSourceName("bench-city");
            z.setGeometryWkt(box(projection, x0, y0, x0 + extent / 2, y0 + extent / 2));
            z.setRunId(RUN_ID);
            soils.add(z);
        }

        List<PipesRecord> pipeRows = new ArrayList<>(pipes);
        double[] hazard = new double[pipes];
        for (int i = 0; i < pipes; i++) {
            int col = i % side;
            int row = i / side;
            boolean eastWest = random.nextBoolean();
            double x0 = col * SPACING_M;
            double y0 = row * SPACING_M;
            double length = SPACING_M * (0.6 + 0.4 * random.nextDouble());
            double x1 = eastWest ? x0 + length : x0;
            double y1 = eastWest ? y0 : y0 + length;
            int m = pick(random);
            PipesRecord p = new PipesRecord();
            p.setPipeId(String.format(Locale.ROOT, "pipe-%06d", i));
            p.setSourceName("bench-city");
            p.setMaterial(MATERIALS[m]);
            p.setDiameterMm((double) new int[] {100, 150, 200, 300, 400}[random.nextInt(5)]);
            p.setInstallYear(1900 + random.nextInt(lastYear - 1900 - 5));
            p.setLengthM(length);
            p.setStatus("active");
            p.setGeometryWkt(String.format(Locale.ROOT, "LINESTRING (%.7f %.7f, %.7f %.7f)", projection.lon(x0),
                    projection.lat(y0), projection.lon(x1), projection.lat(y1)));
            p.setCentroidLon(projection.lon((x0 + x1) / 2));
            p.setCentroidLat(projection.lat((y0 + y1) / 2));
            p.setAreaId(areaId(col / districtCells, row / districtCells));
            int quadrant = (x0 >= extent / 2 ? 1 : 0) + (y0 >= extent / 2 ? 2 : 0);
            p.setSoilZoneId("soil-" + quadrant);
            p.setRunId(RUN_ID);
            pipeRows.add(p);
            hazard[i] = MATERIAL_HAZARD[m] * (0.5 + corrosivity[quadrant]) * (length / 1000.0);
        }

        List<ClimateMonthlyRecord> climate = new ArrayList<>();
        double[] coldness = new double[years * 12];
        YearMonth first = firstMonth();
        double previous = Double.NaN;
        for (YearMonth ym = first.minusMonths(6); !ym.isAfter(lastMonth()); ym = ym.plusMonths(1)) {
            double tMean = 8 - 13 * Math.cos(2 * Math.PI * (ym.getMonthValue() - 1) / 12.0) + random.nextGaussian() * 2;
            ClimateMonthlyRecord c = new ClimateMonthlyRecord();
            c.setSeriesId("bench-station");
            c.setMonthStart(ym.atDay(1));
            c.setYear(ym.getYear());
            c.setMonthOfYear(ym.getMonthValue());
            c.setTMean(tMean);
            c.setTMin(tMean - 7);
            c.setTMax(tMean + 7);
            c.setPrecipMm(40 + 40 * random.nextDouble());
            c.setFreezingIndex(Math.max(0, -tMean) * ym.lengthOfMonth());
            c.setFrostDays(tMean < 2 ? 20 : 0);
            c.setFreezeThawDays(Math.abs(tMean) < 4 ? 12 : 2);
            c.setTMeanChange(Double.isNaN(previous) ? null : tMean - previous);
            c.setDaysInMonth(ym.lengthOfMonth());
            c.setDaysObserved(ym.lengthOfMonth());
            c.setTempDaysObserved(ym.lengthOfMonth());
            c.setPrecipDaysObserved(ym.lengthOfMonth());
            c.setTempComplete(true);
            c.setPrecipComplete(true);
            c.setRunId(RUN_ID);
            climate.add(c);
            previous = tMean;
            int index = (int) first.until(ym, java.time.temporal.ChronoUnit.MONTHS);
            if (index >= 0) {
                coldness[index] = 1 + Math.max(0, -tMean) / 4;
            }
        }

        // breaks: per pipe and month, Poisson(rate) with rate from material, soil, length, age and cold
        List<PipeBreaksCleanRecord> breaks = new ArrayList<>();
        double base = 0.06 / 12; // about 0.06 breaks per pipe-km-hazard a year
        for (int i = 0; i < pipes; i++) {
            PipesRecord p = pipeRows.get(i);
            for (int t = 0; t < years * 12; t++) {
                YearMonth ym = first.plusMonths(t);
                double age = Math.max(1, ym.getYear() - p.getInstallYear());
                double rate = base * hazard[i] * 10 * coldness[t] * Math.sqrt(age / 40.0);
                int n = poisson(random, rate);
                for (int k = 0; k < n; k++) {
                    breaks.add(breakRecord(p, ym, random, breaks.size()));
                }
            }
        }
        // replaced pipes keep their id: a few breaks dated before the recorded install year
        for (int i = 0; i < pipes; i += 97) {
            PipesRecord p = pipeRows.get(i);
            if (p.getInstallYear() > first.getYear()) {
                breaks.add(breakRecord(p, YearMonth.of(first.getYear(), 6), random, breaks.size()));
            }
        }

        var dsl = store.dsl();
        dsl.transaction(cfg -> {
            BulkRows.insert(cfg.dsl(), Tables.AREAS, areas);
            BulkRows.insert(cfg.dsl(), Tables.SOIL_ZONES, soils);
            BulkRows.insert(cfg.dsl(), Tables.PIPES, pipeRows);
            BulkRows.insert(cfg.dsl(), Tables.CLIMATE_MONTHLY, climate);
            BulkRows.insert(cfg.dsl(), Tables.PIPE_BREAKS_CLEAN, breaks);
        });
        return new Filled(pipes, areas.size(), breaks.size(), climate.size(), first, lastMonth());
    }

    private static PipeBreaksCleanRecord breakRecord(PipesRecord p, YearMonth ym, SplittableRandom random, int n) {
        LocalDate date = ym.atDay(1 + random.nextInt(ym.lengthOfMonth()));
        PipeBreaksCleanRecord b = new PipeBreaksCleanRecord();
        b.setBreakId("bench:" + n);
        b.setSourceName("bench-city");
        b.setSourceRecordId(String.valueOf(n));
        b.setBreakDate(date);
        b.setBreakYear(date.getYear());
        b.setBreakMonth(date.getMonthValue());
        b.setLon(p.getCentroidLon());
        b.setLat(p.getCentroidLat());
        b.setAreaId(p.getAreaId());
        b.setPipeId(p.getPipeId());
        b.setPipeMatchMethod("asset_id");
        b.setSoilZoneId(p.getSoilZoneId());
        b.setRecordHash(Integer.toHexString(n));
        b.setRunId(RUN_ID);
        b.setSourceLine((long) n + 2);
        return b;
    }

    private static int pick(SplittableRandom random) {
        double u = random.nextDouble();
        for (int m = 0; m < MATERIAL_WEIGHT.length; m++) {
            u -= MATERIAL_WEIGHT[m];
            if (u < 0) {
                return m;
            }
        }
        return MATERIAL_WEIGHT.length - 1;
    }

    private static int poisson(SplittableRandom random, double rate) {
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }

    private static String areaId(int col, int row) {
        return String.format(Locale.ROOT, "D%02d-%02d", col, row);
    }

    private static String box(LocalProjection p, double x0, double y0, double x1, double y1) {
        return String.format(Locale.ROOT, "POLYGON ((%.7f %.7f, %.7f %.7f, %.7f %.7f, %.7f %.7f, %.7f %.7f))",
                p.lon(x0), p.lat(y0), p.lon(x1), p.lat(y0), p.lon(x1), p.lat(y1), p.lon(x0), p.lat(y1),
                p.lon(x0), p.lat(y0));
    }
}
