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

    private static final Entry[] NONE = new Entry[0];
    private final STRtree tree = new STRtree();
    private final GeometryFactory factory = new GeometryFactory();
    private final int size;
    // a grid over all polygons: per cell the entries whose envelope meets it, in id order, and the one that answers
    // for the whole cell when it covers the cell and no entry of a smaller id meets it (most cells of a partition)
    private final Envelope extent = new Envelope();
    private final int cols;
    private final int rows;
    private final Entry[][] cellEntries;
    private final Entry[] cellAnswer;

    private AreaIndex(List<String> ids, List<Geometry> geometries) {
        PreparedGeometryFactory prepared = new PreparedGeometryFactory();
        for (int i = 0; i < ids.size(); i++) {
            Geometry g = geometries.get(i);
            tree.insert(g.getEnvelopeInternal(), new Entry(ids.get(i), prepared.create(g)));
            extent.expandToInclude(g.getEnvelopeInternal());
        }
        tree.build();
        this.size = ids.size();
        int side = size == 0 || extent.getWidth() <= 0 || extent.getHeight() <= 0 ? 0
                : (int) Math.min(64, Math.max(8, Math.ceil(4 * Math.sqrt(size))));
        this.cols = side;
        this.rows = side;
        this.cellEntries = new Entry[cols * rows][];
        this.cellAnswer = new Entry[cols * rows];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                Envelope cell = cell(c, r);
                @SuppressWarnings("unchecked")
                List<Entry> meeting = tree.query(cell);
                Entry[] sorted = meeting.stream().sorted(java.util.Comparator.comparing(Entry::id)).toArray(Entry[]::new);
                cellEntries[c * rows + r] = sorted.length == 0 ? NONE : sorted;
                if (sorted.length > 0 && sorted[0].geometry().covers(factory.toGeometry(cell))) {
                    cellAnswer[c * rows + r] = sorted[0];
                }
            }
        }
    }

    /** Cell (c, r), widened by a hair so that a point rounding onto its border is inside it. */
    private Envelope cell(int c, int r) {
        double w = extent.getWidth() / cols;
        double h = extent.getHeight() / rows;
        double eps = 1e-9 * Math.max(extent.getWidth(), extent.getHeight());
        return new Envelope(extent.getMinX() + c * w - eps, extent.getMinX() + (c + 1) * w + eps,
                extent.getMinY() + r * h - eps, extent.getMinY() + (r + 1) * h + eps);
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
        if (cols > 0) {
            if (!extent.contains(lon, lat)) {
                return null;
            }
            int c = Math.min(cols - 1, (int) ((lon - extent.getMinX()) / extent.getWidth() * cols));
            int r = Math.min(rows - 1, (int) ((lat - extent.getMinY()) / extent.getHeight() * rows));
            int at = c * rows + r;
            if (cellAnswer[at] != null) {
                return cellAnswer[at].id();
            }
            Point p = null;
            for (Entry e : cellEntries[at]) { // in id order: the first that covers the point is the answer
                if (e.geometry().getGeometry().getEnvelopeInternal().contains(lon, lat)) {
                    p = p != null ? p : factory.createPoint(new Coordinate(lon, lat));
                    if (e.geometry().covers(p)) {
                        return e.id();
                    }
                }
            }
            return null;
        }
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
