package io.breakwater.synth.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Soil zones: the Voronoi cells (JTS) of random sites, clipped to the city's envelope, so that they tile it. A point's
 * zone is the zone of its nearest site. Each zone has a soil type, a corrosivity index (0..1, two decimals) and a
 * shrink-swell class; the hazard uses the index and the class mapped to 0.2 / 0.5 / 0.8.
 */
public final class SoilZones {
    private static final String[] TYPES = {"clay", "silty clay", "glacial till", "loam", "sandy loam", "sand", "urban fill"};
    private static final double[] TYPE_WEIGHTS = {0.18, 0.14, 0.22, 0.16, 0.12, 0.10, 0.08};
    private static final double[] TYPE_CORROSIVITY = {0.70, 0.60, 0.45, 0.40, 0.30, 0.20, 0.65};
    private static final String[] TYPE_SHRINK_SWELL = {"high", "high", "moderate", "moderate", "low", "low", "moderate"};

    private final double[] siteX;
    private final double[] siteY;
    private final String[] type;
    private final double[] corrosivity;
    private final String[] shrinkSwell;
    private final Polygon[] cells;

    public SoilZones(long seed, int count, Envelope envelope) {
        SplittableRandom rng = Rng.stream(seed, "soil-zones");
        siteX = new double[count];
        siteY = new double[count];
        type = new String[count];
        corrosivity = new double[count];
        shrinkSwell = new String[count];
        List<Coordinate> sites = new ArrayList<>(count);
        Map<Coordinate, Integer> index = new HashMap<>();
        for (int i = 0; i < count; i++) {
            siteX[i] = envelope.getMinX() + envelope.getWidth() * rng.nextDouble();
            siteY[i] = envelope.getMinY() + envelope.getHeight() * rng.nextDouble();
            int t = Rng.pick(rng, TYPE_WEIGHTS);
            type[i] = TYPES[t];
            double c = TYPE_CORROSIVITY[t] + 0.1 * Rng.gaussian(rng);
            corrosivity[i] = Math.round(Math.max(0.02, Math.min(0.98, c)) * 100) / 100.0;
            shrinkSwell[i] = TYPE_SHRINK_SWELL[t];
            Coordinate site = new Coordinate(siteX[i], siteY[i]);
            sites.add(site);
            index.put(site, i);
        }
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        builder.setClipEnvelope(envelope);
        Geometry diagram = builder.getDiagram(new GeometryFactory());
        cells = new Polygon[count];
        for (int g = 0; g < diagram.getNumGeometries(); g++) {
            Geometry cell = diagram.getGeometryN(g);
            Integer i = index.get((Coordinate) cell.getUserData());
            if (i != null && cell instanceof Polygon polygon) {
                cells[i] = polygon;
            }
        }
    }

    public int count() {
        return siteX.length;
    }

    public static String id(int zone) {
        return String.format("SZ%03d", zone + 1);
    }

    /** The zone whose site is nearest to (x, y), i.e. whose cell holds it. */
    public int zoneOf(double x, double y) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < siteX.length; i++) {
            double dx = siteX[i] - x;
            double dy = siteY[i] - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    public String type(int zone) {
        return type[zone];
    }

    public double corrosivity(int zone) {
        return corrosivity[zone];
    }

    public String shrinkSwell(int zone) {
        return shrinkSwell[zone];
    }

    /** The class mapped onto the index the hazard uses: low 0.2, moderate 0.5, high 0.8. */
    public double shrinkSwellIndex(int zone) {
        return switch (shrinkSwell[zone]) {
            case "low" -> 0.2;
            case "high" -> 0.8;
            default -> 0.5;
        };
    }

    /** The zone's polygon in projected metres (null only if JTS dropped a degenerate cell). */
    public Polygon cell(int zone) {
        return cells[zone];
    }
}
