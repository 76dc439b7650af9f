package io.breakwater.etl.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * An ESRI Shapefile set read record by record: the .dbf's fields in their order are the columns, then
 * {@code geometry.x} and {@code geometry.y} (a point's coordinates, as for GeoJSON). Records are numbered from 1;
 * records the .dbf marks deleted are skipped. Geometry types: (multi)point, polyline, polygon and their Z and M
 * forms (Z and M are dropped); polygon rings are grouped into shells (clockwise) and the holes inside them.
 */
public final class ShapefileRecordSource extends FileRecordSource {
    private static final GeometryFactory FACTORY = new GeometryFactory();
    private final ShapefileSet set;
    private final ByteBuffer shp;
    private final ByteBuffer dbf;
    private final Charset charset;
    private final List<int[]> fields = new ArrayList<>(); // offset in record, length, type
    private final int geometryX;
    private final int records;
    private final int dbfHeaderLength;
    private final int dbfRecordLength;
    private int index; // records read
    private long ordinal;

    private ShapefileRecordSource(Path path, ShapefileSet set, Charset charset) {
        super(path);
        this.set = set;
        this.charset = charset;
        this.shp = ByteBuffer.wrap(set.shp());
        if (set.shp().length < 100 || shp.order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.name() + ": not a shapefile (.shp) header");
        }
        if (set.dbf() == null) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.name() + ": the shapefile set has no .dbf "
                    + "(attributes) beside the .shp");
        }
        this.dbf = ByteBuffer.wrap(set.dbf()).order(ByteOrder.LITTLE_ENDIAN);
        if (set.dbf().length < 32) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.name() + ": the .dbf is truncated");
        }
        this.records = dbf.getInt(4);
        this.dbfHeaderLength = Short.toUnsignedInt(dbf.getShort(8));
        this.dbfRecordLength = Short.toUnsignedInt(dbf.getShort(10));
        int offset = 1; // the deletion flag
        for (int p = 32; p + 32 <= dbfHeaderLength && (set.dbf()[p] & 0xFF) != 0x0D; p += 32) {
            int end = p;
            while (end < p + 11 && set.dbf()[end] != 0) {
                end++;
            }
            String name = decode(set.dbf(), p, end - p).strip();
            int length = set.dbf()[p + 16] & 0xFF;
            char type = (char) set.dbf()[p + 11];
            if (type == 'C' && set.dbf()[p + 17] != 0) {
                length += (set.dbf()[p + 17] & 0xFF) << 8; // long character fields (Clipper, GDAL)
            }
            header.add(name);
            fields.add(new int[] {offset, length, type});
            offset += length;
        }
        this.geometryX = header.size();
        header.add("geometry.x");
        header.add("geometry.y");
        shp.position(100);
    }

    /** Opens the set of {@code file} (a .shp, or a zip holding the set; {@code format.layer} picks the member). */
    public static ShapefileRecordSource open(Path file, SourceMapping.Format format) {
        ShapefileSet set = ShapefileSet.read(file, format == null ? null : format.layer());
        return new ShapefileRecordSource(file, set, set.charset(format == null ? null : format.encoding()));
    }

    /**
     * The index of {@code column}; a name longer than dBASE's 10 characters whose cut form is a field is refused with
     * a hint naming the field (GDAL and ArcGIS cut names when they write a .dbf).
     */
    @Override
    public int requireColumn(String column, String mappingKey) {
        if (column != null && !header.contains(column) && column.length() > 10) {
            String cut = column.substring(0, 10);
            for (String field : header) {
                if (field.equalsIgnoreCase(cut)) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.name() + ": column '" + column
                            + "' named by mapping key " + mappingKey + " is not in the .dbf; dBASE field names have at "
                            + "most 10 characters: the field is probably '" + field + "'; the file has " + header);
                }
            }
        }
        return super.requireColumn(column, mappingKey);
    }

    @Override
    public SourceRecord next() {
        while (index < records) {
            int recordStart = dbfHeaderLength + index * dbfRecordLength;
            index++;
            if (recordStart + dbfRecordLength > set.dbf().length) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.name() + ": the .dbf ends before record "
                        + index + " of " + records);
            }
            boolean deleted = set.dbf()[recordStart] == '*';
            Geometry geometry = null;
            String geometryError = null;
            if (shp.remaining() < 8) {
                geometryError = "record " + index + " has no geometry (the .shp ends early)";
            } else {
                int length = shp.order(ByteOrder.BIG_ENDIAN).getInt(shp.position() + 4) * 2;
                int content = shp.position() + 8;
                if (content + length > set.shp().length || length < 4) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.name() + ": shape record " + index
                            + " runs past the end of the .shp");
                }
                shp.position(content + length);
                if (!deleted) {
                    try {
                        geometry = shape(ByteBuffer.wrap(set.shp(), content, length).slice().order(ByteOrder.LITTLE_ENDIAN));
                        if (geometry == null) {
                            geometryError = "record " + index + " has no geometry (a null shape)";
                        }
                    } catch (RuntimeException e) {
                        geometryError = "record " + index + ": unreadable geometry: " + e.getMessage();
                    }
                }
            }
            if (deleted) {
                continue;
            }
            ordinal++;
            String[] values = new String[header.size()];
            for (int i = 0; i < fields.size(); i++) {
                int[] f = fields.get(i);
                values[i] = value(set.dbf(), recordStart + f[0], f[1], (char) f[2]);
            }
            if (geometry instanceof Point p && !p.isEmpty()) {
                values[geometryX] = Double.toString(p.getX());
                values[geometryX + 1] = Double.toString(p.getY());
            }
            return new SourceRecord(index, values, geometry, geometryError);
        }
        return null;
    }

    private String value(byte[] bytes, int offset, int length, char type) {
        int start = offset;
        int end = offset + length;
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
            end--;
        }
        if (type != 'C') {
            while (start < end && bytes[start] == ' ') {
                start++;
            }
        }
        if (start == end) {
            return null;
        }
        String text = decode(bytes, start, end - start);
        return switch (type) {
            case 'D' -> text.length() == 8 ? text.substring(0, 4) + "-" + text.substring(4, 6) + "-" + text.substring(6)
                    : text;
            case 'L' -> "YyTt".indexOf(text.charAt(0)) >= 0 ? "true" : "NnFf".indexOf(text.charAt(0)) >= 0 ? "false" : null;
            case 'N', 'F' -> text.startsWith("*") ? null : text;
            default -> text;
        };
    }

    /** Text in the set's code page; without one, UTF-8 when the bytes are valid UTF-8, else windows-1252. */
    private String decode(byte[] bytes, int offset, int length) {
        if (charset != null) {
            return new String(bytes, offset, length, charset);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, Charset.forName("windows-1252"));
        }
    }

    /** One shape record's content (little-endian from its shape type), or null for a null shape. */
    static Geometry shape(ByteBuffer b) {
        int type = b.getInt(0);
        switch (type) {
            case 0:
                return null;
            case 1, 11, 21: {
                return FACTORY.createPoint(new Coordinate(b.getDouble(4), b.getDouble(12)));
            }
            case 8, 18, 28: {
                int n = b.getInt(36);
                Point[] points = new Point[n];
                for (int i = 0; i < n; i++) {
                    points[i] = FACTORY.createPoint(new Coordinate(b.getDouble(40 + 16 * i), b.getDouble(48 + 16 * i)));
                }
                return FACTORY.createMultiPoint(points);
            }
            case 3, 13, 23, 5, 15, 25: {
                int parts = b.getInt(36);
                int points = b.getInt(40);
                if (parts < 1 || points < 0 || 44 + 4 * parts + 16L * points > b.limit()) {
                    throw new IllegalArgumentException(parts + " parts and " + points + " points do not fit the record");
                }
                List<Coordinate[]> lines = new ArrayList<>(parts);
                int base = 44 + 4 * parts;
                for (int p = 0; p < parts; p++) {
                    int from = b.getInt(44 + 4 * p);
                    int to = p + 1 < parts ? b.getInt(44 + 4 * (p + 1)) : points;
                    if (from < 0 || to > points || from > to) {
                        throw new IllegalArgumentException("part " + p + " has bad point indexes");
                    }
                    Coordinate[] c = new Coordinate[to - from];
                    for (int i = from; i < to; i++) {
                        c[i - from] = new Coordinate(b.getDouble(base + 16 * i), b.getDouble(base + 16 * i + 8));
                    }
                    lines.add(c);
                }
                boolean polygon = type == 5 || type == 15 || type == 25;
                return polygon ? polygon(lines) : lines(lines);
            }
            default:
                throw new IllegalArgumentException("shape type " + type + " is not supported");
        }
    }

    private static Geometry lines(List<Coordinate[]> parts) {
        LineString[] lines = new LineString[parts.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = FACTORY.createLineString(parts.get(i));
        }
        return lines.length == 1 ? lines[0] : FACTORY.createMultiLineString(lines);
    }

    /** Rings into polygons: clockwise rings are shells, counter-clockwise ones holes of the shell holding them. */
    private static Geometry polygon(List<Coordinate[]> rings) {
        List<LinearRing> shells = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (Coordinate[] c : rings) {
            if (c.length > 0 && !c[0].equals2D(c[c.length - 1])) {
                Coordinate[] closed = java.util.Arrays.copyOf(c, c.length + 1);
                closed[c.length] = c[0].copy();
                c = closed;
            }
            LinearRing ring = FACTORY.createLinearRing(c);
            if (c.length >= 4 && Orientation.isCCW(c)) {
                holes.add(ring);
            } else {
                shells.add(ring);
            }
        }
        if (shells.isEmpty()) { // every ring counter-clockwise: a writer that ignored the rule; take them as shells
            shells.addAll(holes);
            holes.clear();
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        List<Polygon> shellPolygons = new ArrayList<>();
        for (LinearRing s : shells) {
            holesOf.add(new ArrayList<>());
            shellPolygons.add(FACTORY.createPolygon(s));
        }
        for (LinearRing h : holes) {
            int owner = -1;
            for (int i = 0; i < shells.size() && owner < 0; i++) {
                if (shellPolygons.get(i).getEnvelopeInternal().covers(h.getEnvelopeInternal())
                        && shellPolygons.get(i).covers(FACTORY.createPoint(h.getCoordinateN(0)))) {
                    owner = i;
                }
            }
            if (owner < 0) { // a hole in no shell: a shell of its own
                shells.add(h);
                holesOf.add(new ArrayList<>());
            } else {
                holesOf.get(owner).add(h);
            }
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = FACTORY.createPolygon(shells.get(i), holesOf.get(i).toArray(new LinearRing[0]));
        }
        return polygons.length == 1 ? polygons[0] : FACTORY.createMultiPolygon(polygons);
    }

    @Override
    public long bytesRead() {
        return shp.position() + (long) dbfHeaderLength + (long) index * dbfRecordLength;
    }

    @Override
    public void close() {
        // everything is in memory
    }
}
