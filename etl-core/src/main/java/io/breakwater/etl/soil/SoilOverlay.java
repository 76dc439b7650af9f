package io.breakwater.etl.soil;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.AREA_SOIL;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BulkRows;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.QualityChecks;
import io.breakwater.etl.Severity;
import io.breakwater.etl.StagedTable;
import io.breakwater.etl.env.internal.LocalMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Puts soil onto the other layers: each area gets (in {@code area_soil}) the area-weighted corrosivity and shrink-swell indices of the zones
 * it overlaps, its dominant zone and type, and the share of its surface covered; each pipe gets the zone under its
 * centroid, each break the zone under its point. Run after soil zones, areas, pipes and breaks are loaded; running it
 * again recomputes everything.
 */
public final class SoilOverlay implements IngestRun.Work {
    /**
     * Share of rows on a soil zone below which the overlay warns: a layer that misses a break or two at its
     * edge (a river, a clipped boundary) is ordinary and must not cry wolf among the warnings that matter; one that
     * misses a district is not.
     */
    static final double COVERAGE = 0.99;

    private List<Object[]> areaUpdates;
    private Map<String, String> pipeZones;
    private Map<String, String> breakZones;
    private StagedTable areaSoil;

    /** The overlay; run it through {@link io.breakwater.etl.Ingest#soilOverlay}. */
    public SoilOverlay() {
    }

    /** The run this step is: it reads soil zones, areas, pipes and breaks, and writes their soil. */
    public IngestRun.Spec spec() {
        return IngestRun.Spec.derived("soil_overlay", "soil_zones", "soil zones over areas, pipes and breaks");
    }

    private record Zone(String id, String type, Double corrosivity, Double shrink, Geometry plane,
            PreparedGeometry prepared) {
    }

    @Override
    public void stage(IngestRun run) {
        BreakwaterStore store = run.store();
        ProgressListener progress = run.progress();
        var dsl = store.dsl();
        WKTReader wkt = new WKTReader();
        var zoneRows = dsl.selectFrom(SOIL_ZONES).orderBy(SOIL_ZONES.ZONE_ID).fetch();
        if (zoneRows.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "no soil zones in " + store.location()
                    + ": ingest a soil layer before the overlay");
        }
        double lat = 0;
        List<Geometry> wgs = new ArrayList<>();
        for (var z : zoneRows) {
            Geometry g = read(wkt, z.getGeometryWkt(), "soil_zones " + z.getZoneId());
            wgs.add(g);
            lat += g.getCentroid().getY();
        }
        LocalMetric plane = new LocalMetric(lat / zoneRows.size());
        STRtree tree = new STRtree();
        for (int i = 0; i < zoneRows.size(); i++) {
            var z = zoneRows.get(i);
            Geometry p = plane.toPlane(wgs.get(i));
            tree.insert(p.getEnvelopeInternal(), new Zone(z.getZoneId(), z.getSoilType(), z.getCorrosivityIndex(),
                    z.getShrinkSwellIndex(), p, PreparedGeometryFactory.prepare(p)));
        }
        tree.build();
        GeometryFactory gf = new GeometryFactory();
        String step = "soil overlay";
        progress.started(step, -1, "rows");

        areaUpdates = new ArrayList<>();
        long areasCovered = 0;
        var areas = dsl.select(AREAS.AREA_ID, AREAS.GEOMETRY_WKT).from(AREAS).fetch();
        for (var a : areas) {
            Object[] soil = soilOf(tree, a.value1(), plane.toPlane(read(wkt, a.value2(), "areas " + a.value1())));
            if (soil[1] != null) {
                areasCovered++;
            }
            areaUpdates.add(soil);
        }
        pipeZones = new LinkedHashMap<>();
        for (var p : dsl.select(PIPES.PIPE_ID, PIPES.CENTROID_LON, PIPES.CENTROID_LAT).from(PIPES).fetch()) {
            pipeZones.put(p.value1(), zoneAt(tree, gf, plane, p.value2(), p.value3()));
        }
        breakZones = new LinkedHashMap<>();
        for (var b : dsl.select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.LON, PIPE_BREAKS_CLEAN.LAT)
                .from(PIPE_BREAKS_CLEAN).fetch()) {
            breakZones.put(b.value1(), zoneAt(tree, gf, plane, b.value2(), b.value3()));
        }
        long pipesIn = pipeZones.values().stream().filter(v -> v != null).count();
        long breaksIn = breakZones.values().stream().filter(v -> v != null).count();
        coverage(run.checks(), "soil_overlay_areas", "areas", areas.size(), areasCovered);
        coverage(run.checks(), "soil_overlay_pipes", "pipes", pipeZones.size(), pipesIn);
        coverage(run.checks(), "soil_overlay_breaks", "pipe_breaks_clean", breakZones.size(), breaksIn);
        long n = areaUpdates.size() + pipeZones.size() + breakZones.size();
        run.countRows(n, n - areasCovered - pipesIn - breaksIn);
        areaSoil = run.stage(AREA_SOIL);
        for (Object[] u : areaUpdates) {
            areaSoil.add(u[0], u[1], u[2], u[3], u[4], u[5], u[6], run.runId());
        }
        progress.finished(step, String.format("soil overlay: %,d of %,d areas, %,d of %,d pipes, %,d of %,d breaks "
                + "lie on a soil zone", areasCovered, areas.size(), pipesIn, pipeZones.size(), breaksIn,
                breakZones.size()));
    }

    /**
     * Writes what changed: {@code area_soil} merged by area (a rerun on the same layers changes no row, not even its
     * run id), and the zone of each pipe and break whose zone differs.
     */
    @Override
    public LoadCounts persist(IngestRun run) {
        var dsl = run.store().dsl();
        LoadCounts areas = areaSoil.mergeInto(List.of(AREA_SOIL.AREA_ID), List.of(), DSL.trueCondition());
        long pipes = setZones(dsl, PIPES, PIPES.PIPE_ID, PIPES.SOIL_ZONE_ID, pipeZones);
        long breaks = setZones(dsl, PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.SOIL_ZONE_ID,
                breakZones);
        long others = pipeZones.size() + breakZones.size();
        return areas.plus(new LoadCounts(0, pipes + breaks, others - pipes - breaks, 0));
    }

    /**
     * Sets each row's zone in one set-based update from a working table of (id, zone) pairs, created and dropped inside
     * the step's transaction: row-by-row updates cost DuckDB about half a millisecond each, so the Toronto breaks took
     * 20 s.
     */
    private static long setZones(DSLContext tx, Table<?> table, Field<String> id, Field<String> zone,
            Map<String, String> zones) {
        if (zones.isEmpty()) {
            return 0;
        }
        Table<?> updates = DSL.table(DSL.name("soil_zone_updates"));
        Field<String> rowId = DSL.field(DSL.name("soil_zone_updates", "row_id"), SQLDataType.VARCHAR);
        Field<String> zoneId = DSL.field(DSL.name("soil_zone_updates", "zone_id"), SQLDataType.VARCHAR);
        tx.dropTableIfExists(updates).execute();
        tx.createTable(updates).column(rowId.getUnqualifiedName().first(), SQLDataType.VARCHAR.notNull())
                .column(zoneId.getUnqualifiedName().first(), SQLDataType.VARCHAR)
                .constraints(DSL.primaryKey(rowId.getUnqualifiedName())).execute();
        List<Object[]> pairs = new ArrayList<>(zones.size());
        zones.forEach((rowKey, zoneKey) -> pairs.add(new Object[] {rowKey, zoneKey}));
        BulkRows.insert(tx, updates, List.of(DSL.field(rowId.getUnqualifiedName(), String.class),
                DSL.field(zoneId.getUnqualifiedName(), String.class)), pairs);
        int changed = tx.update(table).set(zone, DSL.select(zoneId).from(updates).where(rowId.eq(id)))
                .whereExists(DSL.selectOne().from(updates).where(rowId.eq(id)).and(zoneId.isDistinctFrom(zone)))
                .execute();
        tx.dropTableIfExists(updates).execute();
        return changed;
    }

    /**
     * The {@code area_soil} row of one area (without its run id): the area, its dominant zone and that zone's type, the
     * area-weighted corrosivity and shrink-swell indices of the zones it overlaps, the share of its surface they cover
     * and how many they are.
     */
    private static Object[] soilOf(STRtree tree, String areaId, Geometry area) {
        double covered = 0;
        WeightedMean corrosivity = new WeightedMean();
        WeightedMean shrinkSwell = new WeightedMean();
        Zone dominant = null;
        double dominantArea = 0;
        int zonesOverlapping = 0;
        for (Object o : tree.query(area.getEnvelopeInternal())) {
            Zone z = (Zone) o;
            if (!z.prepared().intersects(area)) {
                continue;
            }
            double w = z.plane().intersection(area).getArea();
            if (w <= 0) {
                continue;
            }
            covered += w;
            zonesOverlapping++;
            corrosivity.add(z.corrosivity(), w);
            shrinkSwell.add(z.shrink(), w);
            if (w > dominantArea) {
                dominantArea = w;
                dominant = z;
            }
        }
        double total = area.getArea();
        return new Object[] {areaId, dominant == null ? null : dominant.id(), dominant == null ? null : dominant.type(),
            corrosivity.value(), shrinkSwell.value(), total > 0 ? round(Math.min(1.0, covered / total)) : null,
            zonesOverlapping};
    }

    /** A mean weighted by overlap area, over the zones that give a value; null when none does. */
    private static final class WeightedMean {
        private double sum;
        private double weight;

        void add(Double value, double w) {
            if (value != null) {
                sum += w * value;
                weight += w;
            }
        }

        Double value() {
            return weight > 0 ? round(sum / weight) : null;
        }
    }

    /**
     * The coverage checks ({@code soil_overlay_areas|pipes|breaks}): the share of rows on a soil zone, warned below
     * {@link #COVERAGE}; the counts are recorded either way.
     */
    static void coverage(QualityChecks checks, String check, String table, long n, long in) {
        checks.define(check, table, "soil_zone_id", Severity.WARN_RUN, COVERAGE, "rows lie on a soil zone")
                .measure(n, n - in, n == 0 ? null : (double) in / n, in + " of " + n + " rows lie on a soil zone");
    }

    private static String zoneAt(STRtree tree, GeometryFactory gf, LocalMetric plane, Double lon, Double lat) {
        if (lon == null || lat == null) {
            return null;
        }
        Point p = gf.createPoint(new Coordinate(plane.x(lon), plane.y(lat)));
        String best = null;
        for (Object o : tree.query(p.getEnvelopeInternal())) {
            Zone z = (Zone) o;
            if (z.prepared().covers(p) && (best == null || z.id().compareTo(best) < 0)) {
                best = z.id();
            }
        }
        return best;
    }

    private static Geometry read(WKTReader wkt, String text, String what) {
        try {
            return wkt.read(text);
        } catch (ParseException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, what + ": geometry_wkt cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
