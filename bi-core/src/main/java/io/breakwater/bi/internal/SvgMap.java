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
 * mean latitude (true to shape at city scale), shapes simplified to half a pixel, five quantile classes. No tiles,
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
        double[] breaks = quantiles(kept.stream().map(Shape::value).filter(Objects::nonNull).mapToDouble(d -> d)
                .sorted().toArray());

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
            svg.append("<path d=\"").append(d).append("\" fill=\"").append(colour(s.value(), breaks))
                    .append("\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.5\"><title>")
                    .append(escape(s.label())).append(": ").append(escape(value)).append(' ')
                    .append(escape(valueLabel)).append("</title></path>\n");
        }
        legend(svg, valueLabel, breaks, digits);
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

    /** Upper bounds of the first four of five quantile classes. */
    private static double[] quantiles(double[] sorted) {
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] b = new double[COLOURS.length - 1];
        for (int i = 0; i < b.length; i++) {
            int index = (int) Math.ceil((i + 1) * sorted.length / (double) COLOURS.length) - 1;
            b[i] = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
        return b;
    }

    private static String colour(Double value, double[] breaks) {
        if (value == null || breaks.length == 0) {
            return NO_VALUE;
        }
        for (int i = 0; i < breaks.length; i++) {
            if (value <= breaks[i]) {
                return COLOURS[i];
            }
        }
        return COLOURS[COLOURS.length - 1];
    }

    private static void legend(StringBuilder svg, String valueLabel, double[] breaks, int digits) {
        int x = WIDTH + 12;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>%n", x,
                escape(valueLabel)));
        String[] labels = new String[COLOURS.length];
        String f = "%." + digits + "f";
        for (int i = 0; i < COLOURS.length; i++) {
            if (breaks.length == 0) {
                labels[i] = "";
            } else if (i == 0) {
                labels[i] = "≤ " + String.format(Locale.ROOT, f, breaks[0]);
            } else if (i == COLOURS.length - 1) {
                labels[i] = "> " + String.format(Locale.ROOT, f, breaks[breaks.length - 1]);
            } else {
                labels[i] = String.format(Locale.ROOT, f + " – " + f, breaks[i - 1], breaks[i]);
            }
        }
        for (int i = 0; i < COLOURS.length; i++) {
            int y = 26 + i * 20;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"14\" fill=\"%s\" stroke=\"#555\" stroke-width=\"0.5\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n",
                    x, y, COLOURS[i], x + 22, y + 11, escape(labels[i])));
        }
        int y = 26 + COLOURS.length * 20;
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
