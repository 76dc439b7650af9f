package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.AreasRecord;
import io.breakwater.db.schema.tables.records.DimAreaRecord;
import io.breakwater.db.schema.tables.records.DimAssetRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.DimSoilZoneRecord;
import io.breakwater.db.schema.tables.records.ModelRegistryRecord;
import io.breakwater.db.schema.tables.records.SoilZonesRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The dimensions: {@code dim_area}, {@code dim_soil_zone}, {@code dim_asset}, {@code dim_model}. */
final class StarDimensions implements StarStep {
    private DSLContext dsl;

    @Override
    public void build(StarContext context) {
        dsl = context.dsl();
        context.areas = dimArea(pipeLengthKmByArea());
        context.insert(Tables.DIM_AREA, context.areas);
        context.soils = dimSoilZone();
        context.insert(Tables.DIM_SOIL_ZONE, context.soils);
        context.assets = dimAsset();
        context.insert(Tables.DIM_ASSET, context.assets.values());
        context.models = dimModel();
        context.insert(Tables.DIM_MODEL, context.models.values());
    }

    private Map<String, Double> pipeLengthKmByArea() {
        Map<String, Double> km = new HashMap<>();
        for (Record r : dsl.select(PIPES.AREA_ID, DSL.sum(PIPES.LENGTH_M)).from(PIPES)
                .where(PIPES.AREA_ID.isNotNull()).and(PIPES.LENGTH_M.isNotNull())
                .and(PIPES.STATUS.isNull().or(PIPES.STATUS.ne("abandoned")))
                .groupBy(PIPES.AREA_ID).fetch()) {
            km.put(r.get(PIPES.AREA_ID), r.get(1, Double.class) / 1000.0);
        }
        if (km.isEmpty()) {
            // no inventory: a pipe-grain asset table still knows lengths
            for (Record r : dsl.select(FEATURE_ASSETS.AREA_ID, DSL.sum(FEATURE_ASSETS.LENGTH_M))
                    .from(FEATURE_ASSETS)
                    .where(FEATURE_ASSETS.GRAIN.eq("pipe")).and(FEATURE_ASSETS.AREA_ID.isNotNull())
                    .and(FEATURE_ASSETS.LENGTH_M.isNotNull())
                    .and(FEATURE_ASSETS.FEATURE_SET_ID.eq(DSL.select(DSL.max(FEATURE_SETS.FEATURE_SET_ID))
                            .from(FEATURE_SETS).where(FEATURE_SETS.GRAIN.eq("pipe"))))
                    .groupBy(FEATURE_ASSETS.AREA_ID).fetch()) {
                km.put(r.get(FEATURE_ASSETS.AREA_ID), r.get(1, Double.class) / 1000.0);
            }
        }
        return km;
    }

    private List<DimAreaRecord> dimArea(Map<String, Double> pipeKm) {
        List<DimAreaRecord> rows = new ArrayList<>();
        for (AreasRecord a : dsl.selectFrom(AREAS).orderBy(AREAS.AREA_ID).fetch()) {
            DimAreaRecord r = a.into(Tables.DIM_AREA); // the columns of the same name
            r.setAreaKey(a.getAreaId());
            r.setPipeLengthKm(pipeKm.get(a.getAreaId()));
            rows.add(r);
        }
        return rows;
    }

    private List<DimSoilZoneRecord> dimSoilZone() {
        List<DimSoilZoneRecord> rows = new ArrayList<>();
        for (SoilZonesRecord s : dsl.selectFrom(SOIL_ZONES).orderBy(SOIL_ZONES.ZONE_ID).fetch()) {
            DimSoilZoneRecord r = s.into(Tables.DIM_SOIL_ZONE); // the columns of the same name
            r.setSoilZoneKey(s.getZoneId());
            rows.add(r);
        }
        return rows;
    }

    /** Assets of the newest feature set that describes each one, then inventory pipes no feature set has. */
    private Map<String, DimAssetRecord> dimAsset() {
        Map<String, DimAssetRecord> assets = new LinkedHashMap<>();
        var newestFirst = dsl.select(FEATURE_ASSETS.fields()).from(FEATURE_ASSETS)
                .join(FEATURE_SETS).on(FEATURE_SETS.FEATURE_SET_ID.eq(FEATURE_ASSETS.FEATURE_SET_ID))
                .orderBy(FEATURE_SETS.BUILT_AT.desc(), FEATURE_SETS.FEATURE_SET_ID.desc(), FEATURE_ASSETS.ASSET_ID)
                .fetchInto(FEATURE_ASSETS);
        for (var a : newestFirst) {
            if (assets.containsKey(a.getAssetId())) {
                continue;
            }
            DimAssetRecord r = a.into(Tables.DIM_ASSET); // the columns of the same name, then the keys and the length
            r.setAssetKey(a.getAssetId());
            r.setAreaKey(a.getAreaId());
            r.setSoilZoneKey(a.getSoilZoneId());
            r.setLengthKm(a.getLengthM() == null ? null : a.getLengthM() / 1000.0);
            assets.put(a.getAssetId(), r);
        }
        for (var p : dsl.selectFrom(PIPES).orderBy(PIPES.PIPE_ID).fetch()) {
            if (assets.containsKey(p.getPipeId())) {
                continue;
            }
            DimAssetRecord r = new DimAssetRecord();
            r.setAssetKey(p.getPipeId());
            r.setGrain("pipe");
            r.setAreaKey(p.getAreaId());
            r.setSoilZoneKey(p.getSoilZoneId());
            r.setMaterial(p.getMaterial());
            r.setDiameterMm(p.getDiameterMm());
            r.setInstallYear(p.getInstallYear());
            r.setLengthKm(p.getLengthM() == null ? null : p.getLengthM() / 1000.0);
            r.setCentroidLon(p.getCentroidLon());
            r.setCentroidLat(p.getCentroidLat());
            r.setGeometryWkt(p.getGeometryWkt());
            assets.put(p.getPipeId(), r);
        }
        return assets;
    }

    private Map<String, DimModelRecord> dimModel() {
        List<ModelRegistryRecord> registry = dsl.selectFrom(MODEL_REGISTRY)
                .orderBy(MODEL_REGISTRY.CREATED_AT, MODEL_REGISTRY.MODEL_ID).fetch();
        Map<String, String> newestByName = new HashMap<>();
        for (ModelRegistryRecord m : registry) {
            newestByName.put(m.getName(), m.getModelId()); // ascending: the last one wins
        }
        Map<String, DimModelRecord> models = new LinkedHashMap<>();
        for (ModelRegistryRecord m : registry) {
            DimModelRecord r = new DimModelRecord();
            r.setModelKey(m.getModelId());
            r.setName(m.getName());
            r.setAlgorithm(m.getAlgorithm());
            r.setTarget(m.getTarget());
            r.setGrain(m.getGrain());
            r.setHorizonMonths(m.getHorizonMonths());
            r.setTrainStart(m.getTrainStart());
            r.setTrainEnd(m.getTrainEnd());
            r.setCutoffMonth(m.getCutoffMonth());
            r.setFeatureSetId(m.getFeatureSetId());
            r.setTrainingRows(m.getTrainingRows());
            r.setCreatedAt(m.getCreatedAt());
            r.setIsLatest(m.getModelId().equals(newestByName.get(m.getName())));
            models.put(m.getModelId(), r);
        }
        return models;
    }

}
