package io.breakwater.features.internal;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.schema.tables.records.AssetNeighboursRecord;
import io.breakwater.db.schema.tables.records.FeatureAssetsRecord;
import io.breakwater.db.schema.tables.records.FeatureBuildBreakAssetsRecord;
import io.breakwater.features.Grain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Computes the assets of a grain, once per build, with JTS where SQL cannot: pipe neighbours within a distance,
 * adjacent areas, grid cells over the service area and the cell of each break, the soil zone under an area or cell.
 */
public final class AssetBuilder {
    /** Areas whose boundaries come within this many metres of each other are adjacent (published polygons have slivers). */
    static final double AREA_ADJACENCY_M = 5.0;

    private final DSLContext ctx;
    private final String featureSetId;
    private final GeometryFactory factory = new GeometryFactory();

    public AssetBuilder(DSLContext ctx, String featureSetId) {
        this.ctx = ctx;
        this.featureSetId = featureSetId;
    }

    public AssetLayout build(Grain grain, double neighbourDistanceM, int firstMonthKey, int lastMonthKey) {
        AssetLayout layout = switch (grain.kind()) {
            case PIPE -> pipes(neighbourDistanceM);
            case AREA -> areas();
            case GRID -> grid(grain.cellSizeM(), firstMonthKey, lastMonthKey);
        };
        for (int i = 0; i < layout.assets().size(); i++) {
            layout.assets().get(i).setAssetIndex(i);
        }
        return layout;
    }

    // ------------------------------------------------------------------ pipes

    private AssetLayout pipes(double neighbourDistanceM) {
        Field<Integer> flagged = DSL.count().as("flagged");
        Map<String, Integer> breaksBeforeInstall = new HashMap<>();
        ctx.select(PIPES.PIPE_ID, flagged)
                .from(PIPE_BREAKS_CLEAN).join(PIPES).on(PIPES.PIPE_ID.eq(PIPE_BREAKS_CLEAN.PIPE_ID))
                .where(PIPE_BREAKS_CLEAN.BREAK_YEAR.lt(PIPES.INSTALL_YEAR)).and(counted())
                .groupBy(PIPES.PIPE_ID)
                .forEach(r -> breaksBeforeInstall.put(r.value1(), r.value2()));

        List<FeatureAssetsRecord> assets = new ArrayList<>();
        List<Geometry> wgs84 = new ArrayList<>();
        WKTReader reader = new WKTReader(factory);
        for (Record p : ctx.select(PIPES.PIPE_ID, PIPES.MATERIAL, PIPES.DIAMETER_MM, PIPES.INSTALL_YEAR, PIPES.LENGTH_M,
                PIPES.GEOMETRY_WKT, PIPES.CENTROID_LON, PIPES.CENTROID_LAT, PIPES.AREA_ID, PIPES.SOIL_ZONE_ID)
                .from(PIPES).orderBy(PIPES.PIPE_ID).fetch()) {
            String id = p.get(PIPES.PIPE_ID);
            Geometry geometry = p.get(PIPES.GEOMETRY_WKT) == null ? null
                    : read(reader, p.get(PIPES.GEOMETRY_WKT), "pipes.geometry_wkt of pipe " + id);
            Double lon = p.get(PIPES.CENTROID_LON);
            Double lat = p.get(PIPES.CENTROID_LAT);
            if ((lon == null || lat == null) && geometry != null && !geometry.isEmpty()) {
                Point c = geometry.getCentroid();
                lon = c.getX();
                lat = c.getY();
            }
            if (geometry == null && lon != null && lat != null) {
                geometry = factory.createPoint(new Coordinate(lon, lat));
            }
            FeatureAssetsRecord a = new FeatureAssetsRecord();
            a.setFeatureSetId(featureSetId);
            a.setAssetId(id);
            a.setGrain("pipe");
            a.setAreaId(p.get(PIPES.AREA_ID));
            a.setMaterial(p.get(PIPES.MATERIAL));
            a.setDiameterMm(p.get(PIPES.DIAMETER_MM));
            a.setInstallYear(p.get(PIPES.INSTALL_YEAR));
            a.setLengthM(p.get(PIPES.LENGTH_M));
            a.setSoilZoneId(p.get(PIPES.SOIL_ZONE_ID));
            a.setCentroidLon(lon);
            a.setCentroidLat(lat);
            a.setBreaksBeforeInstall(breaksBeforeInstall.getOrDefault(id, 0));
            wgs84.add(geometry);
            assets.add(a);
        }
        LocalProjection projection = projectionAround(wgs84);
        List<Geometry> metres = new ArrayList<>(wgs84.size());
        for (int i = 0; i < assets.size(); i++) {
            Geometry g = wgs84.get(i);
            Geometry m = g == null || projection == null ? null : projection.toMetres(g);
            metres.add(m);
            FeatureAssetsRecord a = assets.get(i);
            if (a.getLengthM() == null && m != null && m.getDimension() == 1) {
                a.setLengthM(m.getLength());
            }
            Double length = a.getLengthM();
            a.setExposureKm(length == null ? null : length / 1000.0);
            a.setLogLength(length == null || length <= 0 ? null : Math.log(length));
        }
        return new AssetLayout(assets, neighboursWithin(assets, metres, neighbourDistanceM), List.of());
    }

    private List<AssetNeighboursRecord> neighboursWithin(List<FeatureAssetsRecord> assets, List<Geometry> metres,
            double distance) {
        List<AssetNeighboursRecord> pairs = new ArrayList<>();
        if (distance <= 0) {
            return pairs;
        }
        STRtree tree = new STRtree();
        for (int i = 0; i < metres.size(); i++) {
            if (metres.get(i) != null) {
                tree.insert(metres.get(i).getEnvelopeInternal(), i);
            }
        }
        for (int i = 0; i < metres.size(); i++) {
            Geometry g = metres.get(i);
            if (g == null) {
                continue;
            }
            Envelope search = new Envelope(g.getEnvelopeInternal());
            search.expandBy(distance);
            for (Object o : tree.query(search)) {
                int j = (Integer) o;
                if (j != i) {
                    double d = g.distance(metres.get(j));
                    if (d <= distance) {
                        pairs.add(neighbour(assets.get(i).getAssetId(), assets.get(j).getAssetId(), d));
                    }
                }
            }
        }
        return pairs;
    }

    // ------------------------------------------------------------------ areas

    private AssetLayout areas() {
        WKTReader reader = new WKTReader(factory);
        Map<String, Double> pipeKm = pipeKmBy(PIPES.AREA_ID);
        List<FeatureAssetsRecord> assets = new ArrayList<>();
        List<Geometry> wgs84 = new ArrayList<>();
        for (Record r : ctx.select(AREAS.AREA_ID, AREAS.AREA_KM2, AREAS.CENTROID_LON, AREAS.CENTROID_LAT,
                AREAS.GEOMETRY_WKT).from(AREAS).orderBy(AREAS.AREA_ID).fetch()) {
            String id = r.get(AREAS.AREA_ID);
            Geometry g = read(reader, r.get(AREAS.GEOMETRY_WKT), "areas.geometry_wkt of area " + id);
            Point inside = g.getInteriorPoint();
            FeatureAssetsRecord a = new FeatureAssetsRecord();
            a.setFeatureSetId(featureSetId);
            a.setAssetId(id);
            a.setGrain("area");
            a.setAreaId(id);
            a.setAreaKm2(r.get(AREAS.AREA_KM2));
            a.setCentroidLon(r.get(AREAS.CENTROID_LON) != null ? r.get(AREAS.CENTROID_LON) : inside.getX());
            a.setCentroidLat(r.get(AREAS.CENTROID_LAT) != null ? r.get(AREAS.CENTROID_LAT) : inside.getY());
            exposure(a, pipeKm.isEmpty() ? null : pipeKm.getOrDefault(id, 0.0));
            assets.add(a);
            wgs84.add(g);
        }
        LocalProjection projection = projectionAround(wgs84);
        List<Geometry> metres = new ArrayList<>();
        for (int i = 0; i < wgs84.size(); i++) {
            Geometry m = projection.toMetres(wgs84.get(i));
            metres.add(m);
            if (assets.get(i).getAreaKm2() == null) {
                assets.get(i).setAreaKm2(m.getArea() / 1e6);
            }
        }
        assignSoil(assets, wgs84);
        return new AssetLayout(assets, neighboursWithin(assets, metres, AREA_ADJACENCY_M), List.of());
    }

    // ------------------------------------------------------------------ grid

    private AssetLayout grid(int size, int firstMonthKey, int lastMonthKey) {
        WKTReader reader = new WKTReader(factory);
        List<Geometry> areaPolygons = new ArrayList<>();
        for (Record2View r : ctx.select(AREAS.AREA_ID, AREAS.GEOMETRY_WKT).from(AREAS).fetch(Record2View::new)) {
            areaPolygons.add(read(reader, r.wkt, "areas.geometry_wkt of area " + r.id));
        }
        List<Record3<String, Double, Double>> breaks = ctx.select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.LON,
                        PIPE_BREAKS_CLEAN.LAT)
                .from(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.LON.isNotNull().and(PIPE_BREAKS_CLEAN.LAT.isNotNull()))
                .and(monthKey().between(firstMonthKey, lastMonthKey)).and(counted())
                .fetch();
        List<Record3<Double, Double, Double>> pipes = ctx.select(PIPES.CENTROID_LON, PIPES.CENTROID_LAT, PIPES.LENGTH_M)
                .from(PIPES).where(PIPES.CENTROID_LON.isNotNull().and(PIPES.CENTROID_LAT.isNotNull())).fetch();

        Envelope extent = new Envelope();
        areaPolygons.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        if (areaPolygons.isEmpty()) {
            breaks.forEach(b -> extent.expandToInclude(b.value2(), b.value3()));
            pipes.forEach(p -> extent.expandToInclude(p.value1(), p.value2()));
        }
        if (extent.isNull()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "grain grid:" + size
                    + ": no service area to cover (areas, pipes and breaks hold no geometry)");
        }
        LocalProjection projection = new LocalProjection(extent.centre().x, extent.centre().y);
        double minX = projection.x(extent.getMinX());
        double minY = projection.y(extent.getMinY());
        int cols = (int) Math.floor((projection.x(extent.getMaxX()) - minX) / size) + 1;
        int rows = (int) Math.floor((projection.y(extent.getMaxY()) - minY) / size) + 1;
        PreparedGeometry service = null;
        Geometry serviceMetres = null;
        if (!areaPolygons.isEmpty()) {
            List<Geometry> inMetres = new ArrayList<>();
            areaPolygons.forEach(g -> inMetres.add(projection.toMetres(g).buffer(0)));
            serviceMetres = UnaryUnionOp.union(inMetres);
            service = PreparedGeometryFactory.prepare(serviceMetres);
        }

        Map<Long, Integer> cellIndex = new HashMap<>();
        List<FeatureAssetsRecord> assets = new ArrayList<>();
        List<Geometry> cellsWgs84 = new ArrayList<>();
        List<int[]> colRow = new ArrayList<>();
        WKTWriter writer = new WKTWriter();
        int digits = Math.max(String.valueOf(Math.max(cols, rows)).length(), 3);
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                double x0 = minX + (double) col * size;
                double y0 = minY + (double) row * size;
                Polygon cell = factory.toGeometry(new Envelope(x0, x0 + size, y0, y0 + size)) instanceof Polygon p ? p : null;
                double km2 = (double) size * size / 1e6;
                if (service != null) {
                    if (!service.intersects(cell)) {
                        continue;
                    }
                    if (!service.containsProperly(cell)) {
                        km2 = cell.intersection(serviceMetres).getArea() / 1e6;
                    }
                }
                Geometry wgs = factory.createPolygon(new Coordinate[] {
                    new Coordinate(projection.lon(x0), projection.lat(y0)),
                    new Coordinate(projection.lon(x0 + size), projection.lat(y0)),
                    new Coordinate(projection.lon(x0 + size), projection.lat(y0 + size)),
                    new Coordinate(projection.lon(x0), projection.lat(y0 + size)),
                    new Coordinate(projection.lon(x0), projection.lat(y0))});
                FeatureAssetsRecord a = new FeatureAssetsRecord();
                a.setFeatureSetId(featureSetId);
                a.setAssetId(String.format("cell-%0" + digits + "d-%0" + digits + "d", col, row));
                a.setGrain("grid:" + size);
                a.setAreaKm2(km2);
                a.setCentroidLon(projection.lon(x0 + size / 2.0));
                a.setCentroidLat(projection.lat(y0 + size / 2.0));
                a.setGeometryWkt(writer.write(wgs));
                cellIndex.put(key(col, row), assets.size());
                assets.add(a);
                cellsWgs84.add(wgs);
                colRow.add(new int[] {col, row});
            }
        }
        if (!pipes.isEmpty()) {
            double[] km = new double[assets.size()];
            for (Record3<Double, Double, Double> p : pipes) {
                Integer i = cellIndex.get(cellOf(projection, minX, minY, size, p.value1(), p.value2()));
                if (i != null && p.value3() != null) {
                    km[i] += p.value3() / 1000.0;
                }
            }
            for (int i = 0; i < assets.size(); i++) {
                exposure(assets.get(i), km[i]);
            }
        }
        List<FeatureBuildBreakAssetsRecord> links = new ArrayList<>();
        for (Record3<String, Double, Double> b : breaks) {
            Integer i = cellIndex.get(cellOf(projection, minX, minY, size, b.value2(), b.value3()));
            if (i != null) {
                links.add(new FeatureBuildBreakAssetsRecord(featureSetId, b.value1(), assets.get(i).getAssetId()));
            }
        }
        List<AssetNeighboursRecord> neighbours = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            int[] cr = colRow.get(i);
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    Integer j = (dr == 0 && dc == 0) ? null : cellIndex.get(key(cr[0] + dc, cr[1] + dr));
                    if (j != null) {
                        neighbours.add(neighbour(assets.get(i).getAssetId(), assets.get(j).getAssetId(),
                                size * Math.hypot(dc, dr)));
                    }
                }
            }
        }
        assignSoil(assets, cellsWgs84);
        return new AssetLayout(assets, neighbours, links);
    }

    private static long cellOf(LocalProjection projection, double minX, double minY, int size, double lon, double lat) {
        double x = projection.x(lon) - minX;
        double y = projection.y(lat) - minY;
        if (x < 0 || y < 0) {
            return Long.MIN_VALUE;
        }
        return key((int) Math.floor(x / size), (int) Math.floor(y / size));
    }

    private static long key(int col, int row) {
        return ((long) col << 32) | (row & 0xffffffffL);
    }

    // ------------------------------------------------------------------ shared

    /** The soil zone under each polygon's interior point, when the store holds soil zones. */
    private void assignSoil(List<FeatureAssetsRecord> assets, List<Geometry> wgs84) {
        WKTReader reader = new WKTReader(factory);
        STRtree zones = new STRtree();
        int count = 0;
        for (Record2View z : ctx.select(SOIL_ZONES.ZONE_ID, SOIL_ZONES.GEOMETRY_WKT).from(SOIL_ZONES)
                .orderBy(SOIL_ZONES.ZONE_ID).fetch(Record2View::new)) {
            Geometry g = read(reader, z.wkt, "soil_zones.geometry_wkt of zone " + z.id);
            zones.insert(g.getEnvelopeInternal(), new Zone(z.id, PreparedGeometryFactory.prepare(g)));
            count++;
        }
        if (count == 0) {
            return;
        }
        for (int i = 0; i < assets.size(); i++) {
            Point inside = wgs84.get(i).getInteriorPoint();
            String best = null;
            for (Object o : zones.query(inside.getEnvelopeInternal())) {
                Zone zone = (Zone) o;
                if (zone.geometry.covers(inside) && (best == null || zone.id.compareTo(best) < 0)) {
                    best = zone.id;
                }
            }
            assets.get(i).setSoilZoneId(best);
        }
    }

    private Map<String, Double> pipeKmBy(Field<String> key) {
        Map<String, Double> km = new HashMap<>();
        ctx.select(key, DSL.sum(PIPES.LENGTH_M).div(1000.0))
                .from(PIPES).where(key.isNotNull()).groupBy(key)
                .forEach(r -> km.put(r.value1(), r.value2() == null ? 0.0 : r.value2().doubleValue()));
        return km;
    }

    private static void exposure(FeatureAssetsRecord a, Double km) {
        a.setExposureKm(km);
        a.setLogLength(km == null || km <= 0 ? null : Math.log(km * 1000.0));
    }

    private AssetNeighboursRecord neighbour(String asset, String neighbour, double distance) {
        return new AssetNeighboursRecord(featureSetId, asset, neighbour, distance);
    }

    private static LocalProjection projectionAround(List<Geometry> geometries) {
        Envelope extent = new Envelope();
        for (Geometry g : geometries) {
            if (g != null) {
                extent.expandToInclude(g.getEnvelopeInternal());
            }
        }
        return extent.isNull() ? null : new LocalProjection(extent.centre().x, extent.centre().y);
    }

    private static Geometry read(WKTReader reader, String wkt, String where) {
        try {
            return reader.read(wkt);
        } catch (ParseException | IllegalArgumentException e) {
            String shown = wkt.length() > 60 ? wkt.substring(0, 60) + "..." : wkt;
            throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                    where + ": '" + shown + "' is not WKT geometry (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The breaks the panel counts: every break but those that repeat a break of another source loaded before them
     * ({@code duplicate_of} set by the ingest), so that a break in two sources is counted once.
     */
    public static org.jooq.Condition counted() {
        return PIPE_BREAKS_CLEAN.DUPLICATE_OF.isNull();
    }

    /** {@code break_year * 12 + break_month - 1}: months since year 0, comparable across years. */
    public static Field<Integer> monthKey() {
        return PIPE_BREAKS_CLEAN.BREAK_YEAR.mul(12).plus(PIPE_BREAKS_CLEAN.BREAK_MONTH).minus(1);
    }

    private record Zone(String id, PreparedGeometry geometry) {
    }

    /** An id and a WKT column. */
    private record Record2View(String id, String wkt) {
        Record2View(org.jooq.Record2<String, String> r) {
            this(r.value1(), r.value2());
        }
    }
}
