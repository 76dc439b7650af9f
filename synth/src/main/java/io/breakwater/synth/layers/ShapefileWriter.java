package io.breakwater.synth.layers;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * A compact writer of ESRI Shapefile sets (.shp, .shx, .dbf, .prj, .cpg) for the synthetic city and tests: points,
 * polylines and polygons (shells clockwise, holes counter-clockwise), attributes as dBASE III character or numeric
 * fields, field names cut to 10 characters as GDAL does. Text is written in the given code page, named in the .cpg.
 */
public final class ShapefileWriter {
    private static final int POINT = 1;
    private static final int POLYLINE = 3;
    private static final int POLYGON = 5;

    /** One feature: attribute values by name (String, Number or null) and a geometry (or null). */
    public record Feature(Map<String, Object> properties, Geometry geometry) {
    }

    private ShapefileWriter() {
    }

    /** The dBASE field name of each property name: cut to 10 characters, made unique. */
    public static Map<String, String> fieldNames(List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        for (String n : names) {
            String f = n.length() <= 10 ? n : n.substring(0, 10);
            for (int i = 1; used.contains(f.toUpperCase(Locale.ROOT)); i++) {
                String suffix = "_" + i;
                f = (n.length() + suffix.length() <= 10 ? n : n.substring(0, 10 - suffix.length())) + suffix;
            }
            used.add(f.toUpperCase(Locale.ROOT));
            out.put(n, f);
        }
        return out;
    }

    /**
     * Writes {@code stem}.shp/.shx/.dbf/.prj/.cpg into {@code dir}; {@code prjWkt} null writes no .prj, {@code cpg}
     * null no .cpg. Returns the .shp.
     */
    public static Path write(Path dir, String stem, List<String> names, List<Feature> features, String prjWkt,
            Charset charset, String cpg) throws IOException {
        Map<String, byte[]> files = files(stem, names, features, prjWkt, charset, cpg);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        return dir.resolve(stem + ".shp");
    }

    /** Writes the sets into one zip, each set's files under its stem. */
    public static Path zip(Path zip, Map<String, Map<String, byte[]>> sets) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map<String, byte[]> set : sets.values()) {
                for (Map.Entry<String, byte[]> e : set.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTime(0); // the same city, the same bytes
                    z.putNextEntry(entry);
                    z.write(e.getValue());
                    z.closeEntry();
                }
            }
        }
        return zip;
    }

    /** The files of one set, by file name. */
    public static Map<String, byte[]> files(String stem, List<String> names, List<Feature> features, String prjWkt,
            Charset charset, String cpg) {
        int type = POINT;
        for (Feature f : features) {
            if (f.geometry() != null) {
                type = f.geometry() instanceof Polygonal ? POLYGON : f.geometry() instanceof Point ? POINT : POLYLINE;
                break;
            }
        }
        List<byte[]> contents = new ArrayList<>();
        Envelope all = new Envelope();
        for (Feature f : features) {
            contents.add(shape(f.geometry(), type));
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                all.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        }
        long shpLength = 100;
        for (byte[] c : contents) {
            shpLength += 8 + c.length;
        }
        ByteBuffer shp = ByteBuffer.allocate((int) shpLength);
        ByteBuffer shx = ByteBuffer.allocate(100 + 8 * contents.size());
        header(shp, shpLength, type, all);
        header(shx, 100 + 8L * contents.size(), type, all);
        for (int i = 0; i < contents.size(); i++) {
            byte[] c = contents.get(i);
            shx.order(ByteOrder.BIG_ENDIAN).putInt(shp.position() / 2).putInt(c.length / 2);
            shp.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(c.length / 2);
            shp.put(c);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(stem + ".shp", shp.array());
        out.put(stem + ".shx", shx.array());
        out.put(stem + ".dbf", dbf(names, features, charset));
        if (prjWkt != null) {
            out.put(stem + ".prj", prjWkt.getBytes(StandardCharsets.US_ASCII));
        }
        if (cpg != null) {
            out.put(stem + ".cpg", cpg.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static void header(ByteBuffer b, long length, int type, Envelope e) {
        b.order(ByteOrder.BIG_ENDIAN).putInt(9994).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0)
                .putInt((int) (length / 2));
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(type);
        boolean empty = e.isNull();
        b.putDouble(empty ? 0 : e.getMinX()).putDouble(empty ? 0 : e.getMinY()).putDouble(empty ? 0 : e.getMaxX())
                .putDouble(empty ? 0 : e.getMaxY()).putDouble(0).putDouble(0).putDouble(0).putDouble(0);
    }

    private static byte[] shape(Geometry g, int type) {
        if (g == null || g.isEmpty()) {
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0).array();
        }
        if (type == POINT) {
            Point p = (Point) g;
            return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(POINT).putDouble(p.getX())
                    .putDouble(p.getY()).array();
        }
        List<Coordinate[]> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon poly) {
                parts.add(oriented(poly.getExteriorRing().getCoordinates(), false));
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    parts.add(oriented(poly.getInteriorRingN(h).getCoordinates(), true));
                }
            } else {
                parts.add(((LineString) part).getCoordinates());
            }
        }
        int points = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(44 + 4 * parts.size() + 16 * points).order(ByteOrder.LITTLE_ENDIAN);
        Envelope e = g.getEnvelopeInternal();
        b.putInt(type).putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
        b.putInt(parts.size()).putInt(points);
        int start = 0;
        for (Coordinate[] p : parts) {
            b.putInt(start);
            start += p.length;
        }
        for (Coordinate[] p : parts) {
            for (Coordinate c : p) {
                b.putDouble(c.x).putDouble(c.y);
            }
        }
        return b.array();
    }

    private static Coordinate[] oriented(Coordinate[] ring, boolean ccw) {
        Coordinate[] c = ring.clone();
        if (Orientation.isCCW(c) != ccw) {
            java.util.Collections.reverse(java.util.Arrays.asList(c));
        }
        return c;
    }

    /** dBASE III: numeric fields for numbers (decimals as the widest value has), character fields for the rest. */
    private static byte[] dbf(List<String> names, List<Feature> features, Charset charset) {
        Map<String, String> fieldNames = fieldNames(names);
        int n = names.size();
        char[] types = new char[n];
        int[] lengths = new int[n];
        int[] decimals = new int[n];
        for (int i = 0; i < n; i++) {
            boolean numeric = true;
            boolean any = false;
            for (Feature f : features) {
                Object v = f.properties().get(names.get(i));
                if (v != null) {
                    any = true;
                    numeric &= v instanceof Number;
                }
            }
            types[i] = numeric && any ? 'N' : 'C';
            int len = 1;
            int dec = 0;
            for (Feature f : features) {
                Object v = f.properties().get(names.get(i));
                if (v == null) {
                    continue;
                }
                if (types[i] == 'N') {
                    BigDecimal d = new BigDecimal(v.toString()).stripTrailingZeros();
                    dec = Math.max(dec, Math.max(0, d.scale()));
                } else {
                    len = Math.max(len, v.toString().getBytes(charset).length);
                }
            }
            if (types[i] == 'N') {
                for (Feature f : features) {
                    Object v = f.properties().get(names.get(i));
                    if (v != null) {
                        len = Math.max(len, numberText(v, dec).length());
                    }
                }
                dec = Math.min(dec, 15);
                len = Math.min(Math.max(len, 1), 20);
            } else {
                len = Math.min(len, 254);
            }
            lengths[i] = len;
            decimals[i] = dec;
        }
        int recordLength = 1;
        for (int l : lengths) {
            recordLength += l;
        }
        int headerLength = 32 + 32 * n + 1;
        ByteBuffer b = ByteBuffer.allocate(headerLength + recordLength * features.size() + 1)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 3).put((byte) 124).put((byte) 12).put((byte) 31); // dBASE III, 2024-12-31 (fixed: same bytes)
        b.putInt(features.size()).putShort((short) headerLength).putShort((short) recordLength);
        b.put(new byte[17]);
        b.put((byte) 0); // language driver: none, the .cpg says
        b.put(new byte[2]);
        for (int i = 0; i < n; i++) {
            byte[] name = new byte[11];
            byte[] raw = fieldNames.get(names.get(i)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(raw, 0, name, 0, Math.min(10, raw.length));
            b.put(name).put((byte) types[i]).putInt(0).put((byte) lengths[i]).put((byte) decimals[i]).put(new byte[14]);
        }
        b.put((byte) 0x0D);
        for (Feature f : features) {
            b.put((byte) ' ');
            for (int i = 0; i < n; i++) {
                Object v = f.properties().get(names.get(i));
                byte[] field = new byte[lengths[i]];
                java.util.Arrays.fill(field, (byte) ' ');
                if (v != null) {
                    if (types[i] == 'N') {
                        byte[] t = numberText(v, decimals[i]).getBytes(StandardCharsets.US_ASCII);
                        System.arraycopy(t, 0, field, Math.max(0, field.length - t.length), Math.min(t.length, field.length));
                    } else {
                        byte[] t = v.toString().getBytes(charset);
                        System.arraycopy(t, 0, field, 0, Math.min(t.length, field.length));
                    }
                }
                b.put(field);
            }
        }
        b.put((byte) 0x1A);
        return b.array();
    }

    private static String numberText(Object v, int decimals) {
        return new BigDecimal(v.toString()).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
