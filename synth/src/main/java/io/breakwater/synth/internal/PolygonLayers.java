package io.breakwater.synth.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/** The city's polygon layers as GeoJSON in lon/lat: the district grid and the soil zones. */
final class PolygonLayers {
    private PolygonLayers() {
    }

    static void writeAreas(Path file, Projection projection, Envelope env, int side, double w, double h)
            throws IOException {
        try (Writer out = CityGenerator.writer(file)) {
            out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            StringBuilder sb = new StringBuilder(512);
            for (int a = 0; a < side * side; a++) {
                int ay = a / side;
                int ax = a % side;
                double x0 = env.getMinX() + ax * w;
                double x1 = ax == side - 1 ? env.getMaxX() : env.getMinX() + (ax + 1) * w;
                double y0 = env.getMinY() + ay * h;
                double y1 = ay == side - 1 ? env.getMaxY() : env.getMinY() + (ay + 1) * h;
                Coordinate[] ring = {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
                    new Coordinate(x0, y1), new Coordinate(x0, y0)};
                sb.setLength(0);
                sb.append("{\"type\":\"Feature\",\"properties\":{\"area_code\":\"").append(CityGenerator.areaCode(a, side))
                        .append("\",\"area_name\":\"Ward ").append(a + 1).append("\"},\"geometry\":");
                polygon(sb, projection, ring);
                sb.append(a < side * side - 1 ? "},\n" : "}\n");
                out.write(sb.toString());
            }
            out.write("]}\n");
        }
    }

    static void writeSoil(Path file, Projection projection, SoilZones soil) throws IOException {
        List<Integer> zones = new ArrayList<>();
        for (int z = 0; z < soil.count(); z++) {
            if (soil.cell(z) != null) {
                zones.add(z);
            }
        }
        try (Writer out = CityGenerator.writer(file)) {
            out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            StringBuilder sb = new StringBuilder(2048);
            for (int k = 0; k < zones.size(); k++) {
                int z = zones.get(k);
                Polygon cell = soil.cell(z);
                sb.setLength(0);
                sb.append("{\"type\":\"Feature\",\"properties\":{\"zone_id\":\"").append(SoilZones.id(z))
                        .append("\",\"soil_type\":\"").append(soil.type(z))
                        .append("\",\"corrosivity\":");
                Fmt.fixed(sb, soil.corrosivity(z), 2);
                sb.append(",\"shrink_swell\":\"").append(soil.shrinkSwell(z)).append("\"},\"geometry\":");
                polygon(sb, projection, cell.getExteriorRing().getCoordinates());
                sb.append(k < zones.size() - 1 ? "},\n" : "}\n");
                out.write(sb.toString());
            }
            out.write("]}\n");
        }
    }

    /** A GeoJSON polygon in lon/lat, exterior ring counter-clockwise (RFC 7946). */
    private static void polygon(StringBuilder sb, Projection projection, Coordinate[] ring) {
        Coordinate[] coords = ring.clone();
        if (!Orientation.isCCW(coords)) {
            Collections.reverse(Arrays.asList(coords));
        }
        double[] ll = new double[2];
        sb.append("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i < coords.length; i++) {
            projection.lonLat(coords[i].x, coords[i].y, ll, 0);
            sb.append(i == 0 ? "[" : ",[");
            Fmt.fixed(sb, ll[0], 7).append(',');
            Fmt.fixed(sb, ll[1], 7).append(']');
        }
        sb.append("]]}");
    }
}
