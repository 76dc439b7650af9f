package io.breakwater.bi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Draws polygons in WGS84 lon/lat as an SVG choropleth: an equirectangular projection scaled by the cosine of the
 * mean latitude (true to shape at city scale), shapes simplified to half a pixel, five classes by rank (the smallest value in the lightest, the largest in the darkest). No tiles,
 * no scripts: the map is plain markup.
 */
public final class SvgMap {
    private static final String[] COLOURS = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    private static final String NO_VALUE = "#d9d9d9";
    private static final int WIDTH = 760;
    private static final int LEGEND = 150;

    private SvgMap() {
    }

    /** One shape: its label (tooltip), WKT geometry and value; a {@code null} value is drawn grey. */
    public record Shape(String label, String wkt, Double value) {
    }

    /** What was drawn. */
    public record Drawn(String svg, int shapes, int skipped) {
    }

    public static Drawn render(String id, String title, String valueLabel, List<Shape> shapes, int digits) {
        WKTReader reader = new WKTReader();
        List<Geometry> geometries = new ArrayList<>();
        List<Shape> kept = new ArrayList<>();
        int skipped = 0;
        Envelope extent = new Envelope();
        for (Shape s : shapes) {
            try {
                Geometry g = reader.read(s.wkt());
                if (g.isEmpty()) {
                    skipped++;
                    continue;
                }
                geometries.add(g);
                kept.add(s);
                extent.expandToInclude(g.getEnvelopeInternal());
            } catch (ParseException | IllegalArgumentException e) {
                skipped++;
            }
        }
        if (geometries.isEmpty()) {
            return new Drawn("", 0, skipped);
        }
        double cos = Math.cos(Math.toRadians((extent.getMinY() + extent.getMaxY()) / 2));
        double scale = WIDTH / Math.max(1e-9, extent.getWidth() * cos);
        int height = (int) Math.ceil(extent.getHeight() * scale);
        double[] sorted = kept.stream().map(Shape::value).filter(Objects::nonNull).mapToDouble(d -> d).sorted()
                .toArray();

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"%s\">%n", id, WIDTH + LEGEND, Math.max(height, 140),
                escape(title)));
        int drawn = 0;
        for (int i = 0; i < geometries.size(); i++) {
            Geometry g = TopologyPreservingSimplifier.simplify(geometries.get(i), 0.5 / scale / Math.max(cos, 0.1));
            Shape s = kept.get(i);
            StringBuilder d = new StringBuilder();
            for (int p = 0; p < g.getNumGeometries(); p++) {
                if (g.getGeometryN(p) instanceof Polygon polygon) {
                    ring(d, polygon.getExteriorRing(), extent, cos, scale);
                    for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                        ring(d, polygon.getInteriorRingN(h), extent, cos, scale);
                    }
                }
            }
            if (d.length() == 0) {
                skipped++;
                continue;
            }
            String value = s.value() == null ? "no value" : String.format(Locale.ROOT, "%." + digits + "f", s.value());
            drawn++;
            svg.append("<path d=\"").append(d).append("\" fill=\"").append(colour(s.value(), sorted))
                    .append("\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.5\"><title>")
                    .append(escape(s.label())).append(": ").append(escape(value)).append(' ')
                    .append(escape(valueLabel)).append("</title></path>\n");
        }
        legend(svg, valueLabel, sorted, digits);
        svg.append("</svg>\n");
        return new Drawn(svg.toString(), drawn, skipped);
    }

    private static void ring(StringBuilder d, LineString ring, Envelope extent, double cos, double scale) {
        Coordinate[] cs = ring.getCoordinates();
        if (cs.length < 3) {
            return;
        }
        for (int i = 0; i < cs.length; i++) {
            double x = (cs[i].x - extent.getMinX()) * cos * scale;
            double y = (extent.getMaxY() - cs[i].y) * scale;
            d.append(i == 0 ? 'M' : 'L').append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        d.append('Z');
    }

    /**
     * The class (0..4) of a value by its rank among all values: the smallest value is class 0, the largest class 4,
     * equal values share a class; -1 for a missing value.
     */
    private static int classOf(Double value, double[] sorted) {
        if (value == null || sorted.length == 0) {
            return -1;
        }
        if (sorted.length == 1) {
            return COLOURS.length - 1;
        }
        int rank = lowerBound(sorted, value);
        return (int) Math.round((COLOURS.length - 1) * rank / (double) (sorted.length - 1));
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String colour(Double value, double[] sorted) {
        int c = classOf(value, sorted);
        return c < 0 ? NO_VALUE : COLOURS[c];
    }

    /** A legend row per class with the range of values it actually holds. */
    private static void legend(StringBuilder svg, String valueLabel, double[] sorted, int digits) {
        int x = WIDTH + 12;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>%n", x,
                escape(valueLabel)));
        double[] min = new double[COLOURS.length];
        double[] max = new double[COLOURS.length];
        java.util.Arrays.fill(min, Double.NaN);
        for (double v : sorted) {
            int c = classOf(v, sorted);
            min[c] = Double.isNaN(min[c]) ? v : Math.min(min[c], v);
            max[c] = Double.isNaN(max[c]) ? v : Math.max(max[c], v);
        }
        String f = "%." + digits + "f";
        int y = 26;
        for (int c = 0; c < COLOURS.length; c++) {
            if (Double.isNaN(min[c])) {
                continue;
            }
            String label = min[c] == max[c] ? String.format(Locale.ROOT, f, min[c])
                    : String.format(Locale.ROOT, f + " – " + f, min[c], max[c]);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"14\" fill=\"%s\" stroke=\"#555\" stroke-width=\"0.5\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n",
                    x, y, COLOURS[c], x + 22, y + 11, escape(label)));
            y += 20;
        }
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"14\" fill=\"%s\" stroke=\"#555\" stroke-width=\"0.5\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\">no value</text>%n", x, y, NO_VALUE, x + 22, y + 11));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
