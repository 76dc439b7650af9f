package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.AREAS;

import io.breakwater.db.BreakwaterStore;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record2;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Point-in-polygon lookup over a set of polygons (areas, soil zones): a JTS STRtree of prepared geometries. Build it
 * from any (id, geometry) pairs with {@link #of}, or from an area set in the store with {@link #areaSet}.
 */
public final class AreaIndex {
    private record Entry(String id, PreparedGeometry geometry) {
    }

    private final STRtree tree = new STRtree();
    private final GeometryFactory factory = new GeometryFactory();
    private final int size;

    private AreaIndex(List<String> ids, List<Geometry> geometries) {
        PreparedGeometryFactory prepared = new PreparedGeometryFactory();
        for (int i = 0; i < ids.size(); i++) {
            Geometry g = geometries.get(i);
            tree.insert(g.getEnvelopeInternal(), new Entry(ids.get(i), prepared.create(g)));
        }
        tree.build();
        this.size = ids.size();
    }

    /** An index of {@code geometries} (lon/lat) keyed by {@code ids}, in the same order. */
    public static AreaIndex of(List<String> ids, List<Geometry> geometries) {
        return new AreaIndex(ids, geometries);
    }

    /** The polygons of one area set ({@code areas.area_set}) in the store; empty when the set has none. */
    public static AreaIndex areaSet(BreakwaterStore store, String areaSet) {
        List<String> ids = new ArrayList<>();
        List<Geometry> geometries = new ArrayList<>();
        WKTReader reader = new WKTReader();
        for (Record2<String, String> r : store.dsl().select(AREAS.AREA_ID, AREAS.GEOMETRY_WKT).from(AREAS)
                .where(AREAS.AREA_SET.eq(areaSet)).orderBy(AREAS.AREA_ID).fetch()) {
            try {
                ids.add(r.value1());
                geometries.add(reader.read(r.value2()));
            } catch (ParseException e) {
                throw new IllegalStateException("area " + r.value1() + " holds unreadable WKT: " + e.getMessage(), e);
            }
        }
        return new AreaIndex(ids, geometries);
    }

    public int size() {
        return size;
    }

    /** The id of the first polygon (in id order) that contains the point, or {@code null}. */
    public String locate(double lon, double lat) {
        Point p = factory.createPoint(new Coordinate(lon, lat));
        @SuppressWarnings("unchecked")
        List<Entry> candidates = tree.query(new Envelope(lon, lon, lat, lat));
        String best = null;
        for (Entry e : candidates) {
            if ((best == null || e.id().compareTo(best) < 0) && e.geometry().covers(p)) {
                best = e.id();
            }
        }
        return best;
    }
}
