package io.breakwater.features;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.schema.tables.records.AreasRecord;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import io.breakwater.db.schema.tables.records.PipesRecord;
import io.breakwater.db.schema.tables.records.SoilZonesRecord;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/**
 * A small, readable city written straight into the curated tables (ingestion is another module): three areas, four
 * pipes, a handful of breaks from 2000-01 to 2004-12, one climate series with a temperature gap, one soil zone.
 *
 * <pre>
 *   lon -79.40     -79.39     -79.38           -79.30
 *   +----------+----------+            +----------+  lat 43.66
 *   |  A1      |  A2      |            |  A3      |
 *   |  P1 ==   |  P3 ==   |            |  P4 ==   |
 *   |  P2 ==   |          |            |          |
 *   +----------+----------+            +----------+  lat 43.65
 *   soil zone Z1 covers A1 only
 * </pre>
 */
final class SmallCity {
    static final long RUN_AREAS = 11;
    static final long RUN_PIPES = 12;
    static final long RUN_BREAKS = 13;
    static final long RUN_CLIMATE = 14;
    static final long RUN_SOIL = 15;
    static final String SERIES = "TORONTO-6158350";

    /** (pipe or null, area or null, date, lon, lat) of each break. */
    static final List<Object[]> BREAKS = List.of(
            new Object[] {"P1", "A1", "2000-01-15", -79.395, 43.6540},
            new Object[] {"P1", "A1", "2000-03-02", -79.395, 43.6540},
            new Object[] {"P1", "A1", "2000-03-20", -79.395, 43.6540},
            new Object[] {"P2", "A1", "2000-06-11", -79.395, 43.6545},  // P2 is recorded as installed in 2001: flagged
            new Object[] {"P1", "A1", "2002-07-04", -79.395, 43.6540},
            new Object[] {"P3", "A2", "2003-02-09", -79.385, 43.6550},
            new Object[] {null, "A3", "2004-12-30", -79.305, 43.6550},  // no pipe matched
            new Object[] {"P4", "A3", "2004-11-01", -79.305, 43.6560});

    private SmallCity() {
    }

    static void fill(DSLContext dsl) {
        List<TableRecord<?>> rows = new ArrayList<>();
        rows.add(area("A1", -79.40, -79.39));
        rows.add(area("A2", -79.39, -79.38));
        rows.add(area("A3", -79.31, -79.30));
        rows.add(new SoilZonesRecord().with(SOIL_ZONES.ZONE_ID, "Z1").with(SOIL_ZONES.SOIL_TYPE, "clay").with(SOIL_ZONES.CORROSIVITY_INDEX, 0.7)
                .with(SOIL_ZONES.SHRINK_SWELL_INDEX, 0.4).with(SOIL_ZONES.IS_SYNTHETIC, true).with(SOIL_ZONES.SOURCE_NAME, "test-soil")
                .with(SOIL_ZONES.GEOMETRY_WKT, square(-79.40, -79.39)).with(SOIL_ZONES.RUN_ID, RUN_SOIL));
        rows.add(pipe("P1", "cast_iron", 150.0, 1960, -79.3960, 43.6540));
        rows.add(pipe("P2", "pvc", 200.0, 2001, -79.3960, 43.6545));       // 55 m north of P1: neighbours
        rows.add(pipe("P3", "ductile_iron", 300.0, 1985, -79.3860, 43.6550));
        rows.add(pipe("P4", "unknown", null, null, -79.3060, 43.6560));
        for (int i = 0; i < BREAKS.size(); i++) {
            Object[] b = BREAKS.get(i);
            rows.add(breakRecord("b" + i, (String) b[0], (String) b[1], LocalDate.parse((String) b[2]),
                    (Double) b[3], (Double) b[4]));
        }
        for (YearMonth m = YearMonth.of(1999, 8); !m.isAfter(YearMonth.of(2005, 3)); m = m.plusMonths(1)) {
            rows.add(climate(m));
        }
        dsl.batchInsert(rows).execute();
    }

    /** Adds one more break (for leakage tests). */
    static void addBreak(DSLContext dsl, String id, String pipe, String area, LocalDate date) {
        dsl.executeInsert(breakRecord(id, pipe, area, date, -79.395, 43.654));
    }

    static int breakCount(DSLContext dsl) {
        return dsl.fetchCount(PIPE_BREAKS_CLEAN);
    }

    private static AreasRecord area(String id, double west, double east) {
        return new AreasRecord().with(AREAS.AREA_ID, id).with(AREAS.AREA_CODE, id).with(AREAS.AREA_NAME, "Area " + id).with(AREAS.AREA_SET, "test")
                .with(AREAS.AREA_KM2, 0.89).with(AREAS.GEOMETRY_WKT, square(west, east)).with(AREAS.RUN_ID, RUN_AREAS);
    }

    private static String square(double west, double east) {
        return String.format("POLYGON ((%s 43.65, %s 43.65, %s 43.66, %s 43.66, %s 43.65))", west, east, east, west, west);
    }

    private static PipesRecord pipe(String id, String material, Double diameter, Integer installYear, double lon,
            double lat) {
        double east = lon + 0.0015; // about 120 m east-west
        return new PipesRecord().with(PIPES.PIPE_ID, id).with(PIPES.SOURCE_NAME, "test-pipes").with(PIPES.MATERIAL, material)
                .with(PIPES.DIAMETER_MM, diameter).with(PIPES.INSTALL_YEAR, installYear).with(PIPES.LENGTH_M, 120.0).with(PIPES.STATUS, "active")
                .with(PIPES.GEOMETRY_WKT, String.format("LINESTRING (%s %s, %s %s)", lon, lat, east, lat))
                .with(PIPES.CENTROID_LON, (lon + east) / 2).with(PIPES.CENTROID_LAT, lat)
                .with(PIPES.AREA_ID, id.equals("P4") ? "A3" : id.equals("P3") ? "A2" : "A1")
                .with(PIPES.SOIL_ZONE_ID, id.equals("P3") || id.equals("P4") ? null : "Z1").with(PIPES.RUN_ID, RUN_PIPES);
    }

    private static PipeBreaksCleanRecord breakRecord(String id, String pipe, String area, LocalDate date, double lon,
            double lat) {
        return new PipeBreaksCleanRecord().with(PIPE_BREAKS_CLEAN.BREAK_ID, "test:" + id).with(PIPE_BREAKS_CLEAN.SOURCE_NAME, "test").with(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID, id)
                .with(PIPE_BREAKS_CLEAN.BREAK_DATE, date).with(PIPE_BREAKS_CLEAN.BREAK_YEAR, date.getYear()).with(PIPE_BREAKS_CLEAN.BREAK_MONTH, date.getMonthValue())
                .with(PIPE_BREAKS_CLEAN.LON, lon).with(PIPE_BREAKS_CLEAN.LAT, lat).with(PIPE_BREAKS_CLEAN.AREA_ID, area).with(PIPE_BREAKS_CLEAN.PIPE_ID, pipe)
                .with(PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD, pipe == null ? "none" : "asset_id").with(PIPE_BREAKS_CLEAN.RECORD_HASH, id).with(PIPE_BREAKS_CLEAN.RUN_ID, RUN_BREAKS)
                .with(PIPE_BREAKS_CLEAN.SOURCE_LINE, 1L);
    }

    /** Temperatures follow a seasonal curve; they are missing from 2003-07 to 2003-12 (precipitation is not). */
    private static ClimateMonthlyRecord climate(YearMonth m) {
        boolean gap = m.getYear() == 2003 && m.getMonthValue() >= 7;
        double t = 8 - 13 * Math.cos(2 * Math.PI * (m.getMonthValue() - 1) / 12.0);
        double previous = 8 - 13 * Math.cos(2 * Math.PI * (m.getMonthValue() - 2) / 12.0);
        return new ClimateMonthlyRecord().with(CLIMATE_MONTHLY.SERIES_ID, SERIES).with(CLIMATE_MONTHLY.MONTH_START, m.atDay(1)).with(CLIMATE_MONTHLY.YEAR, m.getYear())
                .with(CLIMATE_MONTHLY.MONTH_OF_YEAR, m.getMonthValue())
                .with(CLIMATE_MONTHLY.T_MEAN, gap ? null : t).with(CLIMATE_MONTHLY.T_MIN, gap ? null : t - 6).with(CLIMATE_MONTHLY.T_MAX, gap ? null : t + 6)
                .with(CLIMATE_MONTHLY.PRECIP_MM, 60.0 + m.getMonthValue()).with(CLIMATE_MONTHLY.FREEZING_INDEX, gap ? null : Math.max(0, -t) * 30)
                .with(CLIMATE_MONTHLY.FREEZE_THAW_DAYS, gap ? null : (t < 3 ? 10 : 0)).with(CLIMATE_MONTHLY.T_MEAN_CHANGE, gap ? null : t - previous)
                .with(CLIMATE_MONTHLY.DAYS_IN_MONTH, m.lengthOfMonth()).with(CLIMATE_MONTHLY.DAYS_OBSERVED, m.lengthOfMonth())
                .with(CLIMATE_MONTHLY.TEMP_DAYS_OBSERVED, gap ? 0 : m.lengthOfMonth()).with(CLIMATE_MONTHLY.PRECIP_DAYS_OBSERVED, m.lengthOfMonth())
                .with(CLIMATE_MONTHLY.TEMP_COMPLETE, !gap).with(CLIMATE_MONTHLY.PRECIP_COMPLETE, true).with(CLIMATE_MONTHLY.RUN_ID, RUN_CLIMATE);
    }
}
