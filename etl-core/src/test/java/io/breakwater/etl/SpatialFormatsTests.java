package io.breakwater.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.synth.layers.GeoPackageWriter;
import io.breakwater.synth.layers.ShapefileWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/** Shapefile and GeoPackage reading: formats told apart, code pages, CRS from .prj and gpkg, layers. */
class SpatialFormatsTests {
    static final GeometryFactory GF = new GeometryFactory();
    /** The Texas State Capitol, and its NAD83 / Texas Central (US feet) coordinates through proj4j's EPSG:2277. */
    static final double CAPITOL_LON = -97.740379;
    static final double CAPITOL_LAT = 30.274677;
    static final String TEXAS_CENTRAL_FEET_ESRI = "PROJCS[\"NAD_1983_StatePlane_Texas_Central_FIPS_4203_Feet\","
            + "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137.0,"
            + "298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Lambert_Conformal_Conic\"],PARAMETER[\"False_Easting\",2296583.333333333],"
            + "PARAMETER[\"False_Northing\",9842500.0],PARAMETER[\"Central_Meridian\",-100.3333333333333],"
            + "PARAMETER[\"Standard_Parallel_1\",30.11666666666667],PARAMETER[\"Standard_Parallel_2\",31.88333333333333],"
            + "PARAMETER[\"Latitude_Of_Origin\",29.66666666666667],UNIT[\"Foot_US\",0.3048006096012192]]";

    @TempDir
    Path dir;

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Polygon square(double x0, double y0, double size) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x0 + size, y0),
            new Coordinate(x0 + size, y0 + size), new Coordinate(x0, y0 + size), new Coordinate(x0, y0)});
    }

    static double[] texasFeet(double lon, double lat) {
        CRSFactory f = new CRSFactory();
        ProjCoordinate out = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(f.createFromName("EPSG:4326"), f.createFromName("EPSG:2277"))
                .transform(new ProjCoordinate(lon, lat), out);
        return new double[] {out.x, out.y};
    }

    SourceMapping.File mapping(String yaml) {
        return SourceMapping.read(EtlTesting.write(dir, "m-" + Math.abs(yaml.hashCode()) + ".yaml", yaml));
    }

    /** The mapping of the Texas capitol's point as an area of {@code format}, with {@code crs} or none. */
    SourceMapping.File capitol(String format, String crs) {
        return mapping("source: capitol\nkind: areas\nformat: { type: " + format + " }\n"
                + (crs == null ? "" : "crs: \"" + crs + "\"\n") + "id: { columns: [id] }\n");
    }

    static List<SourceRecord> readAll(Path file, SourceMapping.Format format) {
        List<SourceRecord> out = new ArrayList<>();
        try (RecordSource in = RecordSource.open(file, format)) {
            for (SourceRecord r; (r = in.next()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    static SourceMapping.Format format(String type, String layer, String encoding) {
        return new SourceMapping.Format(type, null, null, encoding, null, null, layer);
    }

    Path areasShapefile(String stem, Charset charset, String cpg, String prj) throws IOException {
        List<ShapefileWriter.Feature> features = List.of(
                new ShapefileWriter.Feature(props("code", "A1", "name", "Montréal-Nord", "pop", 1234), square(0, 0, 10)),
                new ShapefileWriter.Feature(props("code", "B2", "name", "Saint-Rémi", "pop", 56.5), square(10, 0, 10)));
        return ShapefileWriter.write(dir, stem, List.of("code", "name", "pop"), features, prj, charset, cpg);
    }

    @Test
    void aShapefileUnderGeoJsonIsRefusedNamingWhatItIs() throws IOException {
        Path shp = areasShapefile("areas", StandardCharsets.UTF_8, "UTF-8", null);
        assertThatThrownBy(() -> RecordSource.open(shp, format("geojson", null, null)))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("format.type is 'geojson' but the file looks like an ESRI Shapefile (.shp)")
                .hasMessageContaining("set format.type: shapefile");
        Path dbf = dir.resolve("areas.dbf");
        assertThatThrownBy(() -> RecordSource.open(dbf, format("shapefile", null, null)))
                .hasMessageContaining("looks like a part of a shapefile set (.dbf or .shx)")
                .hasMessageContaining("give the .shp");
        Path gpkg = dir.resolve("x.gpkg");
        try (GeoPackageWriter w = GeoPackageWriter.create(gpkg)) {
            w.layer("areas", List.of("code"), List.of(new ShapefileWriter.Feature(props("code", "A"), square(0, 0, 1))), 4326);
        }
        assertThatThrownBy(() -> RecordSource.open(gpkg, format("csv", null, null)))
                .hasMessageContaining("format.type is 'csv' but the file looks like an OGC GeoPackage (SQLite); "
                        + "set format.type: geopackage");
        Path json = EtlTesting.write(dir, "a.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertThatThrownBy(() -> RecordSource.open(json, format("shapefile", null, null)))
                .hasMessageContaining("looks like JSON (GeoJSON); set format.type: geojson");
        Path csv = EtlTesting.write(dir, "a.csv", "code,name\nA,B\n");
        assertThatThrownBy(() -> RecordSource.open(csv, format("geopackage", null, null)))
                .hasMessageContaining("looks like a text file (CSV); set format.type: csv");
        assertThatThrownBy(() -> RecordSource.open(csv, format("geojson", null, null)))
                .hasMessageContaining("looks like a text file (CSV); set format.type: csv");
        Path zip = ShapefileWriter.zip(dir.resolve("set.zip"), Map.of("areas",
                ShapefileWriter.files("areas", List.of("code"), List.of(new ShapefileWriter.Feature(props("code", "A"),
                        square(0, 0, 1))), null, StandardCharsets.UTF_8, null)));
        assertThatThrownBy(() -> RecordSource.open(zip, format("geojson", null, null)))
                .hasMessageContaining("looks like a zip archive holding a shapefile set; set format.type: shapefile");
    }

    @Test
    void aShapefileReadsAttributesInOrderAndPolygons() throws IOException {
        Path shp = areasShapefile("areas", StandardCharsets.UTF_8, "UTF-8", null);
        try (RecordSource in = RecordSource.open(shp, format("shapefile", null, null))) {
            assertThat(in.header()).containsExactly("code", "name", "pop", "geometry.x", "geometry.y");
            SourceRecord r = in.next();
            assertThat(r.line()).isEqualTo(1);
            assertThat(r.get(0)).isEqualTo("A1");
            assertThat(r.get(1)).isEqualTo("Montréal-Nord");
            assertThat(Double.parseDouble(r.get(2))).isEqualTo(1234.0);
            assertThat(r.geometry().equalsTopo(square(0, 0, 10))).isTrue();
            assertThat(in.next().get(1)).isEqualTo("Saint-Rémi");
            assertThat(in.next()).isNull();
        }
        Path cut = ShapefileWriter.write(dir, "cut", List.of("shrink_swell"), List.of(new ShapefileWriter.Feature(
                props("shrink_swell", "low"), square(0, 0, 1))), null, StandardCharsets.UTF_8, null);
        try (RecordSource in = RecordSource.open(cut, format("shapefile", null, null))) {
            assertThat(in.header()).startsWith("shrink_swe");
            assertThatThrownBy(() -> in.requireColumn("shrink_swell", "attributes.shrinkSwell.column"))
                    .hasMessageContaining("dBASE field names have at most 10 characters: the field is probably 'shrink_swe'");
        }
    }

    @Test
    void polygonWithHoleAndMultiPolygonSurviveTheRingRules() throws IOException {
        Polygon withHole = GF.createPolygon(GF.createLinearRing(square(0, 0, 10).getExteriorRing().getCoordinates()),
                new org.locationtech.jts.geom.LinearRing[] {GF.createLinearRing(square(2, 2, 2).getExteriorRing().getCoordinates())});
        Geometry multi = GF.createMultiPolygon(new Polygon[] {square(20, 0, 5), square(30, 0, 5)});
        Path shp = ShapefileWriter.write(dir, "rings", List.of("id"), List.of(
                new ShapefileWriter.Feature(props("id", "hole"), withHole),
                new ShapefileWriter.Feature(props("id", "multi"), multi),
                new ShapefileWriter.Feature(props("id", "none"), null)), null, StandardCharsets.UTF_8, null);
        List<SourceRecord> rows = readAll(shp, format("shapefile", null, null));
        assertThat(rows.get(0).geometry().equalsTopo(withHole)).isTrue();
        assertThat(rows.get(0).geometry().getArea()).isEqualTo(96.0);
        assertThat(rows.get(1).geometry().equalsTopo(multi)).isTrue();
        assertThat(rows.get(2).geometry() == null).isTrue();
        assertThat(rows.get(2).geometryError()).contains("no geometry");
    }

    @Test
    void theDbfCodePageComesFromTheCpgThenTheLanguageDriverThenTheMapping() throws IOException {
        Charset cp1252 = Charset.forName("windows-1252");
        Path withCpg = areasShapefile("cpg", cp1252, "1252", null);
        assertThat(readAll(withCpg, format("shapefile", null, "UTF-8")).get(0).get(1)).isEqualTo("Montréal-Nord");

        Path noCpg = areasShapefile("ldid", cp1252, null, null);
        byte[] dbf = Files.readAllBytes(dir.resolve("ldid.dbf"));
        dbf[29] = 0x57; // ANSI (windows-1252)
        Files.write(dir.resolve("ldid.dbf"), dbf);
        assertThat(readAll(noCpg, format("shapefile", null, "UTF-8")).get(0).get(1)).isEqualTo("Montréal-Nord");

        Path latin = areasShapefile("latin", Charset.forName("ISO-8859-15"), null, null);
        assertThat(readAll(latin, format("shapefile", null, "ISO-8859-15")).get(1).get(1)).isEqualTo("Saint-Rémi");
        // nothing said: UTF-8 when valid, else windows-1252
        assertThat(readAll(latin, format("shapefile", null, null)).get(1).get(1)).isEqualTo("Saint-Rémi");
        Path utf8 = areasShapefile("utf8", StandardCharsets.UTF_8, null, null);
        assertThat(readAll(utf8, format("shapefile", null, null)).get(1).get(1)).isEqualTo("Saint-Rémi");
    }

    @Test
    void anEsriStatePlaneFeetPrjWithoutAuthorityReprojectsWithinAMetre() throws IOException {
        double[] feet = texasFeet(CAPITOL_LON, CAPITOL_LAT);
        assertThat(feet[0]).isBetween(3_000_000.0, 3_200_000.0); // about 3.11 million US feet east
        Path shp = ShapefileWriter.write(dir, "capitol", List.of("id"), List.of(new ShapefileWriter.Feature(
                props("id", "capitol"), GF.createPoint(new Coordinate(feet[0], feet[1])))), TEXAS_CENTRAL_FEET_ESRI,
                StandardCharsets.UTF_8, null);
        SourceMapping.File m = capitol("shapefile", null);
        Reprojection r = Reprojection.ofGeometry(m, shp);
        assertThat(r.crs()).contains("+proj=lcc").contains("+units=us-ft").doesNotContain("EPSG");
        SourceRecord rec = readAll(shp, m.mapping().format()).get(0);
        double[] ll = new double[2];
        assertThat(r.project(Double.parseDouble(rec.get(1)), Double.parseDouble(rec.get(2)), ll)).isTrue();
        assertThat(Reprojection.distanceMetres(ll[0], ll[1], CAPITOL_LON, CAPITOL_LAT)).isLessThan(1.0);
    }

    @Test
    void aMappingCrsThatContradictsTheFileIsRefusedAndOneForAFileWithoutCrsIsUsed() throws IOException {
        double[] feet = texasFeet(CAPITOL_LON, CAPITOL_LAT);
        Path shp = ShapefileWriter.write(dir, "capitol", List.of("id"), List.of(new ShapefileWriter.Feature(
                props("id", "capitol"), GF.createPoint(new Coordinate(feet[0], feet[1])))), TEXAS_CENTRAL_FEET_ESRI,
                StandardCharsets.UTF_8, null);
        SourceMapping.File wrong = capitol("shapefile", "EPSG:2278");
        assertThatThrownBy(() -> Reprojection.ofGeometry(wrong, shp))
                .hasMessageContaining("crs: 'EPSG:2278' contradicts the CRS the file declares in")
                .hasMessageContaining("capitol.prj").hasMessageContaining("+proj=lcc");
        SourceMapping.File same = capitol("shapefile", "EPSG:2277");
        assertThat(Reprojection.ofGeometry(same, shp).crs()).isEqualTo("EPSG:2277"); // agrees: the mapping's is used
        SourceMapping.File none = capitol("shapefile", null);
        assertThat(Reprojection.ofGeometry(none, shp).crs()).contains("+proj=lcc");
        Files.delete(dir.resolve("capitol.prj"));
        assertThat(Reprojection.ofGeometry(same, shp).crs()).isEqualTo("EPSG:2277");
    }

    @Test
    void aPrjThatCannotBeUnderstoodIsRefusedNamingItAndTheCrsKey() throws IOException {
        String robinson = "PROJCS[\"World_Robinson\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Robinson\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\",0.0],UNIT[\"Meter\",1.0]]";
        Path shp = areasShapefile("world", StandardCharsets.UTF_8, null, robinson);
        SourceMapping.File m = mapping("""
                source: world
                kind: areas
                format: { type: shapefile }
                id: { columns: [code] }
                """);
        assertThatThrownBy(() -> Reprojection.ofGeometry(m, shp))
                .hasMessageContaining("world.prj: cannot understand the CRS")
                .hasMessageContaining("'Robinson'")
                .hasMessageContaining("mapping key crs:");
    }

    @Test
    void aGeoPackageWithTwoLayersNeedsTheLayerKey() throws IOException {
        Path gpkg = dir.resolve("two.gpkg");
        try (GeoPackageWriter w = GeoPackageWriter.create(gpkg)) {
            w.layer("wards", List.of("code", "n"), List.of(
                    new ShapefileWriter.Feature(props("code", "W1", "n", 1), square(0, 0, 1)),
                    new ShapefileWriter.Feature(props("code", "W2", "n", 2.5), null)), 4326);
            w.layer("hydrants", List.of("hid"), List.of(
                    new ShapefileWriter.Feature(props("hid", "H1"), GF.createPoint(new Coordinate(-79.4, 43.7)))), 4326);
        }
        assertThatThrownBy(() -> RecordSource.open(gpkg, format("geopackage", null, null)))
                .hasMessageContaining("the GeoPackage has 2 feature tables [hydrants, wards]; name one with format.layer");
        assertThatThrownBy(() -> RecordSource.open(gpkg, format("geopackage", "pipes", null)))
                .hasMessageContaining("format.layer 'pipes' is not a feature table of the GeoPackage; it has [hydrants, wards]");
        List<SourceRecord> wards = readAll(gpkg, format("geopackage", "wards", null));
        assertThat(wards).hasSize(2);
        assertThat(wards.get(0).fields()).containsExactly("W1", "1", null, null);
        assertThat(wards.get(0).geometry().equalsTopo(square(0, 0, 1))).isTrue();
        assertThat(wards.get(1).get(1)).isEqualTo("2.5");
        assertThat(wards.get(1).geometryError()).contains("no geometry");
        try (RecordSource in = RecordSource.open(gpkg, format("geopackage", "hydrants", null))) {
            assertThat(in.header()).containsExactly("hid", "geometry.x", "geometry.y");
            assertThat(in.next().fields()).containsExactly("H1", "-79.4", "43.7");
        }
    }

    @Test
    void aZipWithSeveralShapefilesNeedsTheLayerKey() throws IOException {
        Map<String, Map<String, byte[]>> sets = new LinkedHashMap<>();
        sets.put("a", ShapefileWriter.files("a", List.of("code"), List.of(new ShapefileWriter.Feature(props("code", "A"),
                square(0, 0, 1))), null, StandardCharsets.UTF_8, null));
        sets.put("b", ShapefileWriter.files("b", List.of("code"), List.of(new ShapefileWriter.Feature(props("code", "B"),
                square(0, 0, 1))), null, StandardCharsets.UTF_8, null));
        Path zip = ShapefileWriter.zip(dir.resolve("two.zip"), sets);
        assertThatThrownBy(() -> RecordSource.open(zip, format("shapefile", null, null)))
                .hasMessageContaining("the zip holds 2 shapefiles [a.shp, b.shp]; name one with format.layer");
        assertThat(readAll(zip, format("shapefile", "b", null)).get(0).get(0)).isEqualTo("B");
        assertThat(readAll(zip, format("shapefile", "a.shp", null)).get(0).get(0)).isEqualTo("A");
    }

    @Test
    void aServiceAreaBoundaryMayBeAProjectedShapefile() throws IOException {
        // the western part of the test city, as lon/lat GeoJSON and as a UTM 17N shapefile with an ESRI .prj
        double[][] lonLat = {{-79.50, 43.60}, {-79.40, 43.60}, {-79.40, 43.80}, {-79.50, 43.80}, {-79.50, 43.60}};
        CRSFactory f = new CRSFactory();
        org.locationtech.proj4j.CoordinateTransform toUtm = new CoordinateTransformFactory()
                .createTransform(f.createFromName("EPSG:4326"), f.createFromName("EPSG:26917"));
        Coordinate[] ll = new Coordinate[lonLat.length];
        Coordinate[] utm = new Coordinate[lonLat.length];
        for (int i = 0; i < lonLat.length; i++) {
            ll[i] = new Coordinate(lonLat[i][0], lonLat[i][1]);
            ProjCoordinate out = new ProjCoordinate();
            toUtm.transform(new ProjCoordinate(lonLat[i][0], lonLat[i][1]), out);
            utm[i] = new Coordinate(out.x, out.y);
        }
        ShapefileWriter.write(dir, "west", List.of("name"), List.of(new ShapefileWriter.Feature(props("name", "west"),
                GF.createPolygon(utm))), io.breakwater.synth.layers.SpatialLayers.UTM_17N_ESRI_WKT, StandardCharsets.UTF_8,
                null);
        EtlTesting.write(dir, "west.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{},\"geometry\":" + new org.locationtech.jts.io.geojson.GeoJsonWriter().write(GF.createPolygon(ll))
                + "}]}");
        Path breaks = EtlTesting.write(dir, "breaks.csv", EtlTesting.HEADER + String.join("\n", EtlTesting.ROWS) + "\n");
        long[] loaded = new long[2];
        String[] boundaries = {"west.geojson", "west.shp"};
        for (int i = 0; i < 2; i++) {
            Path m = EtlTesting.write(dir, "m" + i + ".yaml", EtlTesting.SMALL_MAPPING.replace(
                    "serviceArea: { boundingBox: [-79.70, 43.55, -79.10, 43.90] }",
                    "serviceArea: { boundary: " + boundaries[i] + " }\nchecks: { accepted_share: { threshold: 0.1 } }"));
            try (io.breakwater.db.BreakwaterStore store = io.breakwater.db.testing.TestStores.fresh(
                    io.breakwater.db.testing.TestStores.Kind.SQLITE, Files.createDirectories(dir.resolve("s" + i)))) {
                loaded[i] = Ingest.into(store).withClock(EtlTesting.CLOCK).breaks(m, breaks).rowsLoaded();
            }
        }
        assertThat(loaded[0]).isBetween(1L, (long) EtlTesting.ROWS.size() - 1);
        assertThat(loaded[1]).isEqualTo(loaded[0]);
    }

    @Test
    void theInputHashOfAShapefileCoversItsAttributesAndCrs() throws IOException {
        Path shp = areasShapefile("hashed", StandardCharsets.UTF_8, "UTF-8", null);
        String before = io.breakwater.etl.internal.Hashing.sha256(shp);
        byte[] dbf = Files.readAllBytes(dir.resolve("hashed.dbf"));
        dbf[dbf.length - 2] = 'X';
        Files.write(dir.resolve("hashed.dbf"), dbf);
        String afterDbf = io.breakwater.etl.internal.Hashing.sha256(shp);
        assertThat(afterDbf).isNotEqualTo(before);
        Files.writeString(dir.resolve("hashed.prj"), TEXAS_CENTRAL_FEET_ESRI);
        assertThat(io.breakwater.etl.internal.Hashing.sha256(shp)).isNotEqualTo(afterDbf);
    }

    @Test
    void aGeoJsonCrsMemberIsTheFilesCrs() {
        double[] feet = texasFeet(CAPITOL_LON, CAPITOL_LAT);
        Path json = EtlTesting.write(dir, "capitol.geojson", String.format(java.util.Locale.ROOT, """
                {"type": "FeatureCollection",
                 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2277"}},
                 "features": [{"type": "Feature", "properties": {"id": "capitol"},
                               "geometry": {"type": "Point", "coordinates": [%.4f, %.4f]}}]}
                """, feet[0], feet[1]));
        SourceMapping.File plain = capitol("geojson", null);
        assertThat(Reprojection.ofGeometry(plain, json).crs()).isEqualTo("EPSG:2277");
        SourceMapping.File wgs84 = capitol("geojson", "EPSG:4326");
        assertThatThrownBy(() -> Reprojection.ofGeometry(wgs84, json))
                .hasMessageContaining("crs: 'EPSG:4326' contradicts the CRS the file declares in " + json);
    }
}
