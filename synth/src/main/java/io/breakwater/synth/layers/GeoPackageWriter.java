package io.breakwater.synth.layers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * A compact writer of OGC GeoPackage feature tables (GeoPackage 1.3 core: {@code gpkg_spatial_ref_sys},
 * {@code gpkg_contents}, {@code gpkg_geometry_columns}, one table per layer with an integer key {@code fid} and a
 * geometry column {@code geom}), with the SQLite JDBC driver and JTS's WKB writer. For the synthetic city and tests.
 */
public final class GeoPackageWriter implements AutoCloseable {
    private final Connection connection;

    private GeoPackageWriter(Connection connection) {
        this.connection = connection;
    }

    /** Creates {@code file} (replacing one already there) with the required tables. */
    public static GeoPackageWriter create(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA application_id = 1196444487"); // "GPKG"
                s.execute("PRAGMA user_version = 10300");
                s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
                        + "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
                        + "description TEXT)");
                s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
                        + "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
                        + "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
                        + "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))");
                s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                        + "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
                        + "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))");
                s.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL), "
                        + "('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL), "
                        + "('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\","
                        + "6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
                        + "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
                        + "AUTHORITY[\"EPSG\",\"4326\"]]', NULL)");
            }
            c.setAutoCommit(false);
            return new GeoPackageWriter(c);
        } catch (SQLException e) {
            throw new IOException("cannot create the GeoPackage " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a spatial reference system (once per srs id). */
    public GeoPackageWriter srs(int srsId, String name, String organization, int code, String wkt) throws IOException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)")) {
            ps.setString(1, name);
            ps.setInt(2, srsId);
            ps.setString(3, organization);
            ps.setInt(4, code);
            ps.setString(5, wkt);
            ps.executeUpdate();
            return this;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes one feature table: attribute columns (INTEGER, REAL or TEXT, by their values) and the geometry. */
    public GeoPackageWriter layer(String table, List<String> names, List<ShapefileWriter.Feature> features, int srsId)
            throws IOException {
        try {
            List<String> types = new ArrayList<>();
            for (String n : names) {
                boolean numeric = true;
                boolean integral = true;
                for (ShapefileWriter.Feature f : features) {
                    Object v = f.properties().get(n);
                    if (v != null) {
                        numeric &= v instanceof Number;
                        integral &= v instanceof Integer || v instanceof Long;
                    }
                }
                types.add(numeric ? integral ? "INTEGER" : "REAL" : "TEXT");
            }
            String geometryType = "GEOMETRY";
            Envelope all = new Envelope();
            for (ShapefileWriter.Feature f : features) {
                if (f.geometry() != null) {
                    if (geometryType.equals("GEOMETRY")) {
                        geometryType = f.geometry().getGeometryType().toUpperCase(Locale.ROOT);
                    }
                    all.expandToInclude(f.geometry().getEnvelopeInternal());
                }
            }
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + quote(table) + " (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ")
                    .append(geometryType);
            for (int i = 0; i < names.size(); i++) {
                ddl.append(", ").append(quote(names.get(i))).append(' ').append(types.get(i));
            }
            try (Statement s = connection.createStatement()) {
                s.execute(ddl.append(')').toString());
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, "
                    + "identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, '', "
                    + "'2024-12-31T00:00:00.000Z', ?, ?, ?, ?, ?)")) {
                ps.setString(1, table);
                ps.setString(2, table);
                ps.setDouble(3, all.getMinX());
                ps.setDouble(4, all.getMinY());
                ps.setDouble(5, all.getMaxX());
                ps.setDouble(6, all.getMaxY());
                ps.setInt(7, srsId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)")) {
                ps.setString(1, table);
                ps.setString(2, geometryType);
                ps.setInt(3, srsId);
                ps.executeUpdate();
            }
            StringBuilder insert = new StringBuilder("INSERT INTO " + quote(table) + " (geom");
            for (String n : names) {
                insert.append(", ").append(quote(n));
            }
            insert.append(") VALUES (?").append(", ?".repeat(names.size())).append(')');
            WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
            try (PreparedStatement ps = connection.prepareStatement(insert.toString())) {
                for (ShapefileWriter.Feature f : features) {
                    ps.setBytes(1, f.geometry() == null ? null : blob(f.geometry(), srsId, wkb));
                    for (int i = 0; i < names.size(); i++) {
                        Object v = f.properties().get(names.get(i));
                        if (v instanceof Number num && types.get(i).equals("INTEGER")) {
                            ps.setLong(i + 2, num.longValue());
                        } else if (v instanceof Number num && types.get(i).equals("REAL")) {
                            ps.setDouble(i + 2, num.doubleValue());
                        } else {
                            ps.setString(i + 2, v == null ? null : v.toString());
                        }
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return this;
        } catch (SQLException e) {
            throw new IOException("cannot write the layer " + table + ": " + e.getMessage(), e);
        }
    }

    /** A GeoPackage geometry: "GP", version 0, flags (little-endian, xy envelope), srs id, envelope, WKB. */
    static byte[] blob(Geometry g, int srsId, WKBWriter wkb) {
        byte[] body = wkb.write(g);
        Envelope e = g.getEnvelopeInternal();
        ByteBuffer b = ByteBuffer.allocate(8 + 32 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0x03).putInt(srsId);
        b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        return b.put(body).array();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        try {
            connection.commit();
            connection.close();
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
