package io.breakwater.etl.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.Reprojection;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * What a file looks like from its first bytes (a shapefile, a zip, a GeoPackage or other SQLite database, JSON, text),
 * so that a file given under the wrong {@code format.type} is refused with a message naming what it is and the type
 * to set, instead of a parser's error about its bytes.
 */
public final class SpatialFiles {

    /** Kinds of file, each with the {@code format.type} that reads it (null when none does). */
    public enum Kind {
        SHAPEFILE("an ESRI Shapefile (.shp)"),
        SHAPEFILE_PART("a part of a shapefile set (.dbf or .shx) rather than its .shp"),
        ZIPPED_SHAPEFILE("a zip archive holding a shapefile set"),
        ZIP("a zip archive without a .shp inside"),
        GEOPACKAGE("an OGC GeoPackage (SQLite)"),
        SQLITE("an SQLite database that is not a GeoPackage"),
        JSON("JSON (GeoJSON)"),
        TEXT("a text file (CSV)"),
        BINARY("a binary file of unknown format"),
        EMPTY("an empty file");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** The {@code format.type} that reads this kind, or null. */
        public String type() {
            return switch (this) {
                case SHAPEFILE, SHAPEFILE_PART, ZIPPED_SHAPEFILE -> "shapefile";
                case GEOPACKAGE -> "geopackage";
                case JSON -> "geojson";
                case TEXT -> "csv";
                case ZIP, SQLITE, BINARY, EMPTY -> null;
            };
        }
    }

    private SpatialFiles() {
    }

    /** Looks at the first bytes of {@code file}. */
    public static Kind kindOf(Path file) {
        byte[] head = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot read " + file + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        if (n == 0) {
            return Kind.EMPTY;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return zipHoldsShapefile(file) ? Kind.ZIPPED_SHAPEFILE : Kind.ZIP;
        }
        if (n >= 16 && new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3")) {
            int applicationId = n >= 72 ? ByteBuffer.wrap(head, 68, 4).order(ByteOrder.BIG_ENDIAN).getInt() : 0;
            boolean gpkg = applicationId == 0x47504B47 || applicationId == 0x47503130 // "GPKG", "GP10"
                    || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gpkg");
            return gpkg ? Kind.GEOPACKAGE : Kind.SQLITE;
        }
        if (n >= 100 && ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt() == 9994) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".shx") ? Kind.SHAPEFILE_PART : Kind.SHAPEFILE;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".dbf") && (head[0] & 0xFF) <= 0xF5 && (head[0] & 0x07) == 3) {
            return Kind.SHAPEFILE_PART;
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        if (i < n && (head[i] == '{' || head[i] == '[')) {
            return Kind.JSON;
        }
        for (int j = 0; j < n; j++) {
            int b = head[j] & 0xFF;
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x1A && b != 0x0C)) {
                return Kind.BINARY;
            }
        }
        return Kind.TEXT;
    }

    /**
     * Refuses {@code file} when it is not of a kind that {@code type} reads, naming what it looks like and the
     * {@code format.type} to set.
     */
    public static void requireKind(Path file, String type) {
        Kind kind = kindOf(file);
        boolean ok = switch (type) {
            case "csv" -> kind == Kind.TEXT || kind == Kind.EMPTY;
            case "geojson" -> kind == Kind.JSON || kind == Kind.EMPTY;
            case "shapefile" -> kind == Kind.SHAPEFILE || kind == Kind.ZIPPED_SHAPEFILE;
            case "geopackage" -> kind == Kind.GEOPACKAGE;
            default -> true;
        };
        if (ok) {
            return;
        }
        String hint = kind == Kind.SHAPEFILE_PART ? "; give the .shp of the set (its .dbf, .shx and .prj beside it) "
                + "and set format.type: shapefile"
                : kind.type() != null ? "; set format.type: " + kind.type()
                : kind == Kind.SQLITE ? "; a GeoPackage (format.type: geopackage) has the tables gpkg_contents and "
                        + "gpkg_spatial_ref_sys"
                : kind == Kind.ZIP ? "; a zipped shapefile set (format.type: shapefile) holds a .shp with its .dbf"
                : "";
        throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": format.type is '" + type
                + "' but the file looks like " + kind.description() + hint);
    }

    /**
     * The CRS a geometry file declares, as proj4j reads it ({@code EPSG:n} or a proj4 definition).
     *
     * @param crs    the CRS, or null when the file declares none
     * @param source where it was read (the .prj, or the GeoPackage's srs id), for messages
     * @param sample a point of the data in that CRS (x, y), to compare two CRSs by where they put it; or null
     */
    public record FileCrs(String crs, String source, double[] sample) {
    }

    /**
     * The CRS that a shapefile (.prj) or GeoPackage ({@code gpkg_spatial_ref_sys}) declares; {@code FileCrs(null,
     * ...)} for one without, and for other formats. A CRS that cannot be understood is refused naming where it was
     * read and suggesting the mapping key {@code crs}.
     */
    public static FileCrs crsOf(Path file, String type, String layer) {
        if ("shapefile".equalsIgnoreCase(type) && Files.isRegularFile(file)) {
            ShapefileSet set = ShapefileSet.read(file, layer);
            double[] sample = null;
            if (set.shp().length >= 100) {
                ByteBuffer b = ByteBuffer.wrap(set.shp()).order(ByteOrder.LITTLE_ENDIAN);
                sample = new double[] {(b.getDouble(36) + b.getDouble(52)) / 2, (b.getDouble(44) + b.getDouble(60)) / 2};
            }
            if (set.prj() == null || set.prj().isBlank()) {
                return new FileCrs(null, set.name() + " (no .prj)", sample);
            }
            try {
                return new FileCrs(WktCrs.toProj(set.prj()), set.prjName(), sample);
            } catch (IllegalArgumentException e) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, set.prjName() + ": cannot understand the CRS ("
                        + e.getMessage() + "); give it in the mapping key crs: (an EPSG code or a proj string)");
            }
        }
        if ("geopackage".equalsIgnoreCase(type) && Files.isRegularFile(file)
                && kindOf(file) == Kind.GEOPACKAGE) {
            try (Connection c = GeoPackageRecordSource.connect(file)) {
                GeoPackageRecordSource.Layer l = GeoPackageRecordSource.layer(file, c, layer);
                String source = file + " table " + l.table() + " (gpkg_spatial_ref_sys srs_id " + l.srsId() + ")";
                double[] sample = null;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?")) {
                    ps.setString(1, l.table());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getObject(1) != null && rs.getObject(4) != null) {
                            sample = new double[] {(rs.getDouble(1) + rs.getDouble(3)) / 2,
                                (rs.getDouble(2) + rs.getDouble(4)) / 2};
                        }
                    }
                }
                if (l.srsId() == 0 || l.srsId() == -1) {
                    return new FileCrs(null, source, sample); // "undefined geographic / cartesian"
                }
                String organization = null;
                long code = 0;
                String definition = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT organization, "
                        + "organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
                    ps.setInt(1, l.srsId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new BreakwaterException(ErrorCode.INVALID_INPUT, source + ": no such srs_id in "
                                    + "gpkg_spatial_ref_sys; give the CRS in the mapping key crs:");
                        }
                        organization = rs.getString(1);
                        code = rs.getLong(2);
                        definition = rs.getString(3);
                    }
                }
                if ("EPSG".equalsIgnoreCase(organization) && code > 0) {
                    return new FileCrs("EPSG:" + code, source, sample);
                }
                if (definition == null || definition.isBlank() || definition.strip().equalsIgnoreCase("undefined")) {
                    return new FileCrs(null, source, sample);
                }
                try {
                    return new FileCrs(WktCrs.toProj(definition), source, sample);
                } catch (IllegalArgumentException e) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, source + ": cannot understand the CRS ("
                            + e.getMessage() + "); give it in the mapping key crs: (an EPSG code or a proj string)");
                }
            } catch (SQLException e) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot read the GeoPackage: "
                        + io.breakwater.etl.internal.IoErrors.reason(e), e);
            }
        }
        if ("geojson".equalsIgnoreCase(type) && Files.isRegularFile(file) && kindOf(file) == Kind.JSON) {
            return geoJsonCrs(file);
        }
        return new FileCrs(null, file.toString(), null);
    }

    /**
     * A GeoJSON file's named {@code crs} member (the 2008 specification; GDAL still writes it for data not in WGS84),
     * when it comes before {@code features}: {@code urn:ogc:def:crs:EPSG::2277}, {@code EPSG:2277}, CRS84. The
     * sample point is the middle of {@code bbox}, else the first coordinate of the first feature.
     */
    private static FileCrs geoJsonCrs(Path file) {
        String crs = null;
        double[] sample = null;
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser p = mapper.createParser(Files.newInputStream(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new FileCrs(null, file.toString(), null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("crs")) {
                    JsonNode node = mapper.readValue(p, JsonNode.class);
                    String name = node.path("properties").path("name").asText(null);
                    crs = name == null ? null : namedCrs(name);
                    if (name != null && crs == null) {
                        throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot understand the GeoJSON "
                                + "crs '" + name + "'; give the CRS in the mapping key crs:");
                    }
                } else if (field.equals("bbox")) {
                    JsonNode b = mapper.readValue(p, JsonNode.class);
                    if (b.isArray() && b.size() >= 4) {
                        int d = b.size() / 2;
                        sample = new double[] {(b.get(0).asDouble() + b.get(d).asDouble()) / 2,
                            (b.get(1).asDouble() + b.get(d + 1).asDouble()) / 2};
                    }
                } else if (field.equals("features")) {
                    if (crs != null && sample == null && p.currentToken() == JsonToken.START_ARRAY
                            && p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode c = mapper.readValue(p, JsonNode.class).path("geometry").path("coordinates");
                        while (c.isArray() && c.size() > 0 && c.get(0).isArray()) {
                            c = c.get(0);
                        }
                        if (c.isArray() && c.size() >= 2) {
                            sample = new double[] {c.get(0).asDouble(), c.get(1).asDouble()};
                        }
                    }
                    break;
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return new FileCrs(null, file.toString(), null); // a malformed file is reported where the records are read
        }
        return new FileCrs(crs, file + " (its crs member)", sample);
    }

    /** EPSG:n for a GeoJSON crs name ({@code urn:ogc:def:crs:EPSG::n}, {@code EPSG:n}, CRS84), else null. */
    static String namedCrs(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.endsWith("CRS84") || n.endsWith("CRS:84")) {
            return "EPSG:4326";
        }
        Matcher m = Pattern.compile("EPSG:(?:[0-9.]*:)?(\\d+)$").matcher(n);
        return m.find() ? "EPSG:" + m.group(1) : null;
    }

    /**
     * Opens a geometry file whose format is told by its first bytes (GeoJSON, a shapefile or zipped set, a GeoPackage
     * with one feature table), giving its geometries reprojected to WGS84 from the CRS the file declares (GeoJSON:
     * WGS84). For a file named by a mapping key that has no {@code format} of its own, such as
     * {@code serviceArea.boundary}; a vertex that cannot be reprojected is refused naming the feature.
     */
    public static RecordSource openInWgs84(Path file) {
        Kind kind = kindOf(file);
        String type = kind.type();
        if (type == null || type.equals("csv")) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": expected polygons in GeoJSON, a shapefile "
                    + "or a GeoPackage, but the file looks like " + kind.description());
        }
        FileCrs crs = crsOf(file, type, null);
        Reprojection projection = Reprojection.toWgs84(crs.crs() == null ? "EPSG:4326" : crs.crs(), crs.source());
        RecordSource in = RecordSource.open(file, new SourceMapping.Format(type, null, null, null, null, null, null));
        if (projection.isIdentity()) {
            return in;
        }
        double[] lonLat = new double[2];
        return new ForwardingRecordSource(in) {
            @Override
            public SourceRecord next() {
                SourceRecord r = source.next();
                if (r == null || r.geometry() == null) {
                    return r;
                }
                Geometry g = r.geometry().copy();
                g.apply((CoordinateFilter) c -> {
                    if (!projection.project(c.x, c.y, lonLat)) {
                        throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": feature " + r.line()
                                + ": the vertex " + c.x + " " + c.y + " is not a valid coordinate in " + projection.crs());
                    }
                    c.x = lonLat[0];
                    c.y = lonLat[1];
                });
                g.geometryChanged();
                return new SourceRecord(r.line(), r.fields(), g, r.geometryError());
            }
        };
    }

    private static boolean zipHoldsShapefile(Path file) {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().toLowerCase(Locale.ROOT).endsWith(".shp")) {
                    return true;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }
}
