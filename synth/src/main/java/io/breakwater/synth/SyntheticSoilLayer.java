package io.breakwater.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * A made-up soil layer for places without public soil polygons (Toronto has none): Voronoi cells around seeded
 * random points covering a lon/lat box, each with a soil type and corrosivity and shrink-swell indices that follow the
 * type. Deterministic for a seed. The output says it is synthetic in every feature and in its metadata.
 */
public final class SyntheticSoilLayer {
    private static final String[] TYPES = {"clay", "silty clay", "clay till", "silt loam", "sandy loam", "sand",
        "fill"};
    /** Typical corrosivity and shrink-swell of each type (0..1), before noise. */
    private static final double[][] TYPICAL = {{0.75, 0.80}, {0.65, 0.65}, {0.55, 0.45}, {0.45, 0.35}, {0.30, 0.20},
        {0.20, 0.10}, {0.70, 0.30}};

    private SyntheticSoilLayer() {
    }

    /**
     * A GeoJSON FeatureCollection of {@code zones} polygons tiling the box [minLon, minLat, maxLon, maxLat].
     * Properties: {@code zone_id, soil_type, corrosivity, shrink_swell, synthetic}.
     */
    public static String geoJson(double minLon, double minLat, double maxLon, double maxLat, int zones, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        GeometryFactory gf = new GeometryFactory();
        List<Coordinate> sites = new ArrayList<>();
        for (int i = 0; i < zones; i++) {
            sites.add(new Coordinate(minLon + random.nextDouble() * (maxLon - minLon),
                    minLat + random.nextDouble() * (maxLat - minLat)));
        }
        Envelope box = new Envelope(minLon, maxLon, minLat, maxLat);
        VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
        voronoi.setSites(sites);
        voronoi.setClipEnvelope(box);
        Geometry cells = voronoi.getDiagram(gf);
        Geometry clip = gf.toGeometry(box);
        GeometryPrecisionReducer reducer = new GeometryPrecisionReducer(new PrecisionModel(1e6));
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < cells.getNumGeometries(); i++) {
            Geometry cell = reducer.reduce(cells.getGeometryN(i).intersection(clip));
            if (cell instanceof Polygon p && !p.isEmpty()) {
                polygons.add(p);
            }
        }
        // order by the cell's centroid so that ids do not depend on the triangulation's internal order
        polygons.sort((a, b) -> {
            int c = Double.compare(b.getCentroid().getY(), a.getCentroid().getY());
            return c != 0 ? c : Double.compare(a.getCentroid().getX(), b.getCentroid().getX());
        });
        StringBuilder sb = new StringBuilder();
        sb.append("{\"type\":\"FeatureCollection\",\n\"metadata\":{\"synthetic\":true,\"generator\":\"")
                .append(SyntheticSoilLayer.class.getName()).append("\",\"seed\":").append(seed)
                .append(",\"zones\":").append(zones).append(String.format(Locale.ROOT,
                        ",\"bbox\":[%.2f,%.2f,%.2f,%.2f],", minLon, minLat, maxLon, maxLat))
                .append("\"note\":\"SYNTHETIC soil layer for demonstration only: no public soil polygons exist for "
                        + "this city. Do not use for engineering decisions.\"},\n\"features\":[\n");
        for (int i = 0; i < polygons.size(); i++) {
            int type = random.nextInt(TYPES.length);
            double corr = clamp(TYPICAL[type][0] + (random.nextDouble() - 0.5) * 0.2);
            double shrink = clamp(TYPICAL[type][1] + (random.nextDouble() - 0.5) * 0.2);
            sb.append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"zone_id\":\"SYN-%03d\","
                    + "\"soil_type\":\"%s\",\"corrosivity\":%.2f,\"shrink_swell\":%.2f,\"synthetic\":true},"
                    + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[", i + 1, TYPES[type], corr, shrink));
            Coordinate[] ring = polygons.get(i).getExteriorRing().getCoordinates();
            for (int k = 0; k < ring.length; k++) {
                sb.append(String.format(Locale.ROOT, "%s[%.6f,%.6f]", k == 0 ? "" : ",", ring[k].x, ring[k].y));
            }
            sb.append("]]}}").append(i < polygons.size() - 1 ? ",\n" : "\n");
        }
        return sb.append("]}\n").toString();
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
