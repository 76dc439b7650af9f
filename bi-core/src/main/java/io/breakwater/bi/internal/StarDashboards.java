package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.DashBreakTrendsRecord;
import io.breakwater.db.schema.tables.records.DashClimateDriversRecord;
import io.breakwater.db.schema.tables.records.DashHotspotsRecord;
import io.breakwater.db.schema.tables.records.DashRiskRankingRecord;
import io.breakwater.db.schema.tables.records.DashSoilDriversRecord;
import io.breakwater.db.schema.tables.records.DimAreaRecord;
import io.breakwater.db.schema.tables.records.DimAssetRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.DimSoilZoneRecord;
import io.breakwater.db.schema.tables.records.FctBreakRecord;
import io.breakwater.db.schema.tables.records.FctClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.FctRiskScoreRecord;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One table per dashboard, derived from the star tables of the same refresh: {@code dash_break_trends},
 * {@code dash_climate_drivers}, {@code dash_soil_drivers}, {@code dash_hotspots}, {@code dash_risk_ranking}.
 */
final class StarDashboards implements StarStep {
    private StarContext context;

    @Override
    public void build(StarContext context) {
        this.context = context;
        List<FctBreakRecord> breaks = context.breaks;
        context.insert(Tables.DASH_BREAK_TRENDS, dashBreakTrends(breaks));
        context.insert(Tables.DASH_CLIMATE_DRIVERS, dashClimateDrivers(context.climate, breaks));
        context.insert(Tables.DASH_SOIL_DRIVERS, dashSoilDrivers(context.soils, breaks));
        context.insert(Tables.DASH_HOTSPOTS, dashHotspots(context.areas, breaks, context.scores, context.assets));
        context.insert(Tables.DASH_RISK_RANKING, dashRiskRanking(context.scores, context.models, context.assets));
    }

    private Map<Integer, Integer> breaksByMonth(List<FctBreakRecord> breaks) {
        Map<Integer, Integer> byMonth = new TreeMap<>();
        for (FctBreakRecord b : breaks) {
            byMonth.merge(b.getMonthKey(), 1, Integer::sum);
        }
        return byMonth;
    }

    private List<DashBreakTrendsRecord> dashBreakTrends(List<FctBreakRecord> breaks) {
        TreeMap<Integer, Integer> byMonth = new TreeMap<>(breaksByMonth(breaks));
        List<DashBreakTrendsRecord> rows = new ArrayList<>();
        if (byMonth.isEmpty()) {
            return rows;
        }
        List<Integer> series = new ArrayList<>();
        LocalDate last = DateDimension.date(byMonth.lastKey());
        for (LocalDate m = DateDimension.date(byMonth.firstKey()); !m.isAfter(last); m = m.plusMonths(1)) {
            int key = DateDimension.key(m);
            int count = byMonth.getOrDefault(key, 0);
            series.add(count);
            int i = series.size() - 1;
            DashBreakTrendsRecord r = new DashBreakTrendsRecord();
            r.setMonthKey(key);
            r.setMonthStart(m);
            r.setYear(m.getYear());
            r.setMonthOfYear(m.getMonthValue());
            r.setMonthShort(m.getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
                    java.util.Locale.ENGLISH));
            r.setSeason(DateDimension.season(m.getMonthValue()));
            r.setBreaks(count);
            if (i >= 11) {
                r.setBreaksRolling_12m(series.subList(i - 11, i + 1).stream().mapToInt(Integer::intValue).sum());
            }
            if (i >= 12) {
                int previous = series.get(i - 12);
                r.setBreaksSameMonthLastYear(previous);
                r.setYoyChange(count - previous);
            }
            rows.add(r);
        }
        return rows;
    }

    private List<DashClimateDriversRecord> dashClimateDrivers(List<FctClimateMonthlyRecord> climate,
            List<FctBreakRecord> breaks) {
        Map<Integer, Integer> byMonth = breaksByMonth(breaks);
        List<DashClimateDriversRecord> rows = new ArrayList<>();
        if (byMonth.isEmpty()) {
            return rows;
        }
        int first = ((TreeMap<Integer, Integer>) byMonth).firstKey();
        int last = ((TreeMap<Integer, Integer>) byMonth).lastKey();
        for (FctClimateMonthlyRecord c : climate) {
            if (!c.getIsPrimary() || c.getMonthKey() < first || c.getMonthKey() > last) {
                continue;
            }
            LocalDate m = DateDimension.date(c.getMonthKey());
            DashClimateDriversRecord r = c.into(Tables.DASH_CLIMATE_DRIVERS); // the month's columns of the same name
            r.setYear(m.getYear());
            r.setMonthOfYear(m.getMonthValue());
            r.setSeason(DateDimension.season(m.getMonthValue()));
            r.setBreaks(byMonth.getOrDefault(c.getMonthKey(), 0));
            rows.add(r);
        }
        return rows;
    }

    private List<DashSoilDriversRecord> dashSoilDrivers(List<DimSoilZoneRecord> soils,
            List<FctBreakRecord> breaks) {
        Map<String, Integer> byZone = new HashMap<>();
        for (FctBreakRecord b : breaks) {
            if (b.getSoilZoneKey() != null) {
                byZone.merge(b.getSoilZoneKey(), 1, Integer::sum);
            }
        }
        List<DashSoilDriversRecord> rows = new ArrayList<>();
        for (DimSoilZoneRecord s : soils) {
            int count = byZone.getOrDefault(s.getSoilZoneKey(), 0);
            DashSoilDriversRecord r = s.into(Tables.DASH_SOIL_DRIVERS); // the zone's columns of the same name
            r.setBreaks(count);
            r.setBreaksPerKm2(s.getAreaKm2() == null || s.getAreaKm2() <= 0 ? null : count / s.getAreaKm2());
            rows.add(r);
        }
        return rows;
    }

    private List<DashHotspotsRecord> dashHotspots(List<DimAreaRecord> areas, List<FctBreakRecord> breaks,
            List<FctRiskScoreRecord> scores, Map<String, DimAssetRecord> assets) {
        Map<String, Integer> byArea = new HashMap<>();
        for (FctBreakRecord b : breaks) {
            if (b.getAreaKey() != null) {
                byArea.merge(b.getAreaKey(), 1, Integer::sum);
            }
        }
        String headline = headlineModel(scores);
        Map<String, double[]> risk = new HashMap<>();
        for (FctRiskScoreRecord s : scores) {
            if (!s.getModelKey().equals(headline) || !s.getIsLatest()) {
                continue;
            }
            DimAssetRecord asset = assets.get(s.getAssetKey());
            String area = asset != null && asset.getAreaKey() != null ? asset.getAreaKey() : s.getAssetKey();
            double[] acc = risk.computeIfAbsent(area, k -> new double[3]);
            acc[0] += s.getProbability();
            acc[1]++;
            acc[2] += s.getExpectedBreaks() == null ? Double.NaN : s.getExpectedBreaks();
        }
        boolean perKm = areas.stream().anyMatch(a -> a.getPipeLengthKm() != null && a.getPipeLengthKm() > 0);
        List<DashHotspotsRecord> rows = new ArrayList<>();
        for (DimAreaRecord a : areas) {
            int count = byArea.getOrDefault(a.getAreaKey(), 0);
            DashHotspotsRecord r = a.into(Tables.DASH_HOTSPOTS); // the area's columns of the same name
            r.setBreaks(count);
            r.setBreaksPerKm(a.getPipeLengthKm() == null || a.getPipeLengthKm() <= 0 ? null
                    : count / a.getPipeLengthKm());
            r.setBreaksPerKm2(a.getAreaKm2() == null || a.getAreaKm2() <= 0 ? null : count / a.getAreaKm2());
            double[] acc = risk.get(a.getAreaKey());
            r.setMeanRisk(acc == null ? null : acc[0] / acc[1]);
            r.setExpectedBreaks(acc == null || Double.isNaN(acc[2]) ? null : acc[2]);
            rows.add(r);
        }
        Comparator<DashHotspotsRecord> byDensity = Comparator.comparing(
                (DashHotspotsRecord r) -> perKm ? r.getBreaksPerKm() : r.getBreaksPerKm2(),
                Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(DashHotspotsRecord::getBreaks, Comparator.reverseOrder())
                .thenComparing(DashHotspotsRecord::getAreaKey);
        List<DashHotspotsRecord> ranked = new ArrayList<>(rows);
        ranked.sort(byDensity);
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).setBreaksRank(i + 1);
        }
        return rows;
    }

    private List<DashRiskRankingRecord> dashRiskRanking(List<FctRiskScoreRecord> scores,
            Map<String, DimModelRecord> models, Map<String, DimAssetRecord> assets) {
        Map<String, String[]> drivers = new HashMap<>();
        for (PipeBreakRiskScoresRecord s : context.dsl().selectFrom(PIPE_BREAK_RISK_SCORES).fetch()) {
            drivers.put(s.getModelId() + "\u0000" + s.getAssetId() + "\u0000" + s.getScoreMonth(),
                    new String[] {s.getDriver_1(), s.getDriver_2(), s.getDriver_3()});
        }
        Map<String, String> areaNames = new HashMap<>();
        for (DimAreaRecord a : context.areas) {
            areaNames.put(a.getAreaKey(), a.getAreaName() == null ? a.getAreaKey() : a.getAreaName());
        }
        List<DashRiskRankingRecord> rows = new ArrayList<>();
        for (FctRiskScoreRecord s : scores) {
            if (!s.getIsLatest()) {
                continue;
            }
            DimModelRecord model = models.get(s.getModelKey());
            DimAssetRecord asset = assets.get(s.getAssetKey());
            DashRiskRankingRecord r = new DashRiskRankingRecord();
            // the score's own columns (keys, month, horizon, probability, expected, rank, class, per km) by name
            r.from(s);
            r.setModelName(model.getName());
            r.setGrain(asset == null ? model.getGrain() : asset.getGrain());
            r.setAreaKey(asset == null ? null : asset.getAreaKey());
            String areaName = areaNames.get(r.getAreaKey());
            r.setAreaName(areaName);
            // an area-grain asset is its area: its name is the area's; a pipe keeps its own id
            r.setAssetName(s.getAssetKey().equals(r.getAreaKey()) && areaName != null ? areaName : s.getAssetKey());
            r.setMaterial(asset == null ? null : asset.getMaterial());
            r.setLengthKm(asset == null ? null : asset.getLengthKm());
            String[] d = drivers.get(s.getModelKey() + "\u0000" + s.getAssetKey() + "\u0000"
                    + DateDimension.date(s.getScoreMonthKey()));
            if (d != null) {
                r.setDriver_1(d[0]);
                r.setDriver_2(d[1]);
                r.setDriver_3(d[2]);
            }
            r.setCentroidLon(asset == null ? null : asset.getCentroidLon());
            r.setCentroidLat(asset == null ? null : asset.getCentroidLat());
            rows.add(r);
        }
        return rows;
    }

    /** The newest latest-of-its-name model that has scores: the one maps and headlines show. */
    private String headlineModel(List<FctRiskScoreRecord> scores) {
        Set<String> scored = new HashSet<>();
        for (FctRiskScoreRecord s : scores) {
            if (s.getIsLatest()) {
                scored.add(s.getModelKey());
            }
        }
        return context.dsl().select(MODEL_REGISTRY.MODEL_ID).from(MODEL_REGISTRY)
                .orderBy(MODEL_REGISTRY.CREATED_AT.desc(), MODEL_REGISTRY.MODEL_ID.desc())
                .fetch(MODEL_REGISTRY.MODEL_ID).stream().filter(scored::contains).findFirst().orElse(null);
    }

}
