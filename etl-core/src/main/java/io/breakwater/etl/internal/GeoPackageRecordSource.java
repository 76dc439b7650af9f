package io.breakwater.etl.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * One feature table of an OGC GeoPackage, read with the SQLite JDBC driver: the table's columns in their order (less
 * the geometry column and the integer primary key) are the columns, then {@code geometry.x} and {@code geometry.y}
 * (a point's coordinates, as for GeoJSON). A GeoPackage geometry is a small header (magic {@code GP}, flags, srs id,
 * optional envelope) followed by standard WKB, read by JTS's {@link WKBReader}. Records are numbered from 1 in
 * primary-key order.
 */
public final class GeoPackageRecordSource extends FileRecordSource {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final int geometryX;
    private final int geometryColumn; // in the result set, 1-based
    private final String table;
    private final WKBReader wkb = new WKBReader();
    private final long total; // rows in the table, for progress
    private final long size; // bytes of the file, for progress
    private long ordinal;
    private boolean done;

    /** The table of a GeoPackage that {@code layer} names, with its geometry column and srs id. */
    public record Layer(String table, String geometryColumn, int srsId) {
    }

    private GeoPackageRecordSource(Path path, Connection connection, Layer layer) throws SQLException {
        super(path);
        this.connection = connection;
        this.table = layer.table();
        List<String> select = new ArrayList<>();
        String pk = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getInt(3) == 1 && rs.getString(2).toUpperCase(Locale.ROOT).startsWith("INT")) {
                        pk = name;
                        continue;
                    }
                    if (name.equalsIgnoreCase(layer.geometryColumn())) {
                        continue;
                    }
                    header.add(name);
                    select.add(quote(name));
                }
            }
        }
        this.geometryX = header.size();
        header.add("geometry.x");
        header.add("geometry.y");
        select.add(quote(layer.geometryColumn()));
        this.geometryColumn = select.size();
        try (Statement count = connection.createStatement();
                ResultSet rs = count.executeQuery("SELECT count(*) FROM " + quote(table))) {
            this.total = rs.next() ? rs.getLong(1) : 0;
        }
        long bytes;
        try {
            bytes = java.nio.file.Files.size(path);
        } catch (java.io.IOException e) {
            bytes = 0;
        }
        this.size = bytes;
        this.statement = connection.createStatement();
        this.rows = statement.executeQuery("SELECT " + String.join(", ", select) + " FROM " + quote(table)
                + " ORDER BY " + (pk == null ? "rowid" : quote(pk)));
    }

    /** Opens the feature table {@code format.layer} of {@code file}, or its only one. */
    public static GeoPackageRecordSource open(Path file, SourceMapping.Format format) {
        Connection c = connect(file);
        try {
            return new GeoPackageRecordSource(file, c, layer(file, c, format == null ? null : format.layer()));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            if (e instanceof BreakwaterException b) {
                throw b;
            }
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot read the GeoPackage: " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
    }

    /** A read-only connection to {@code file}. */
    public static Connection connect(Path file) {
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot open the GeoPackage: " + e.getMessage(), e);
        }
    }

    /**
     * The feature table named {@code layer}, or the only one; several without {@code layer} are refused listing
     * them.
     */
    public static Layer layer(Path file, Connection c, String layer) throws SQLException {
        List<Layer> layers = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.table_name, g.column_name, "
                + "g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
                + "WHERE c.data_type = 'features' ORDER BY c.table_name")) {
            while (rs.next()) {
                layers.add(new Layer(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": not a GeoPackage (no gpkg_contents or "
                    + "gpkg_geometry_columns table: " + e.getMessage() + ")", e);
        }
        List<String> names = layers.stream().map(Layer::table).toList();
        if (layer != null) {
            return layers.stream().filter(l -> l.table().equals(layer)).findFirst()
                    .or(() -> layers.stream().filter(l -> l.table().equalsIgnoreCase(layer)).findFirst())
                    .orElseThrow(() -> new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": format.layer '"
                            + layer + "' is not a feature table of the GeoPackage; it has " + names));
        }
        if (layers.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the GeoPackage has no feature table");
        }
        if (layers.size() > 1) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the GeoPackage has " + layers.size()
                    + " feature tables " + names + "; name one with format.layer");
        }
        return layers.get(0);
    }

    @Override
    public SourceRecord next() {
        if (done) {
            return null;
        }
        try {
            if (!rows.next()) {
                done = true;
                return null;
            }
            ordinal++;
            String[] values = new String[header.size()];
            for (int i = 0; i < geometryX; i++) {
                Object v = rows.getObject(i + 1);
                values[i] = v == null ? null : v instanceof byte[] ? null : v instanceof Double d ? number(d) : v.toString();
            }
            Geometry geometry = null;
            String geometryError = null;
            byte[] blob = rows.getBytes(geometryColumn);
            if (blob == null) {
                geometryError = "feature " + ordinal + " has no geometry";
            } else {
                try {
                    geometry = geometry(blob);
                    if (geometry == null) {
                        geometryError = "feature " + ordinal + " has no geometry (empty)";
                    }
                } catch (ParseException | RuntimeException e) {
                    geometryError = "feature " + ordinal + ": unreadable geometry: " + e.getMessage();
                }
            }
            if (geometry instanceof Point p && !p.isEmpty()) {
                values[geometryX] = Double.toString(p.getX());
                values[geometryX + 1] = Double.toString(p.getY());
            }
            return new SourceRecord(ordinal, values, geometry, geometryError);
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": table " + table + " feature " + ordinal
                    + ": " + e.getMessage(), e);
        }
    }

    /** A GeoPackage binary geometry: header, then WKB; null when the header's empty flag is set. */
    Geometry geometry(byte[] blob) throws ParseException {
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new ParseException("not a GeoPackage geometry (no 'GP' magic)");
        }
        int flags = blob[3];
        if ((flags & 0x20) != 0) {
            throw new ParseException("an extended GeoPackage geometry type is not supported");
        }
        int envelope = (flags >> 1) & 0x07;
        int envelopeBytes = switch (envelope) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> throw new ParseException("bad envelope indicator " + envelope);
        };
        if ((flags & 0x10) != 0) {
            return null;
        }
        int offset = 8 + envelopeBytes;
        return wkb.read(java.util.Arrays.copyOfRange(blob, offset, blob.length));
    }

    /** A REAL as text: whole numbers without ".0" (as GeoJSON writes them), others as Java prints them. */
    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** The share of the table's rows read, times the file's size (the rows' bytes are not known one by one). */
    @Override
    public long bytesRead() {
        return total == 0 ? 0 : (long) ((double) size * ordinal / total);
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            // nothing to do
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
