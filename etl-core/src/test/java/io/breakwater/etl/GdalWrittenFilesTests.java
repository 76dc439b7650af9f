package io.breakwater.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Golden files written by GDAL (src/test/resources/spatial/README.md): a CP1252 shapefile set in NAD83 / MTM zone 8
 * with an ESRI .prj, the same set zipped, and a GeoPackage with two layers. Read and reprojected, every vertex lies
 * within 1e-7 degrees of the WGS84 GeoJSON they were made from.
 */
class GdalWrittenFilesTests {
    static final Path SPATIAL = Path.of("src", "test", "resources", "spatial").toAbsolutePath();

    @TempDir
    Path dir;

    List<SourceRecord> read(Path file, String type, String layer) {
        String yaml = "source: quartiers\nkind: areas\nformat: { type: " + type + (layer == null ? "" : ", layer: " + layer)
                + " }\nid: { columns: [code] }\nname: { column: nom }\n";
        SourceMapping.File m = SourceMapping.read(EtlTesting.write(dir, "quartiers-" + type + ".yaml", yaml));
        Reprojection r = Reprojection.ofGeometry(m, file);
        List<SourceRecord> out = new ArrayList<>();
        double[] ll = new double[2];
        try (RecordSource in = RecordSource.open(file, m.mapping().format())) {
            assertThat(in.header()).startsWith("code", "nom", "pop");
            for (SourceRecord rec; (rec = in.next()) != null; ) {
                Geometry g = rec.geometry().copy();
                g.apply((CoordinateFilter) c -> {
                    r.project(c.x, c.y, ll);
                    c.x = ll[0];
                    c.y = ll[1];
                });
                g.geometryChanged();
                out.add(new SourceRecord(rec.line(), rec.fields(), g, null));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"quartiers.shp,shapefile,", "quartiers.zip,shapefile,", "quartiers.gpkg,geopackage,quartiers",
        "quartiers.gpkg,geopackage,quartiers_wgs84", "quartiers.geojson,geojson,"})
    void gdalFilesReadAsTheirSource(String file, String type, String layer) {
        List<SourceRecord> expected = read(SPATIAL.resolve("quartiers.geojson"), "geojson", null);
        List<SourceRecord> actual = read(SPATIAL.resolve(file), type, layer);
        assertThat(actual).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(actual.get(i).get(0)).isEqualTo(expected.get(i).get(0));
            assertThat(actual.get(i).get(1)).isEqualTo(i == 0 ? "Montréal-Nord" : "Saint-Rémi");
            assertThat(Double.parseDouble(actual.get(i).get(2))).isEqualTo(Double.parseDouble(expected.get(i).get(2)));
            Geometry e = expected.get(i).geometry().norm();
            Geometry a = actual.get(i).geometry().norm();
            assertThat(a.getGeometryType()).isEqualTo(e.getGeometryType());
            assertThat(a.equalsExact(e, 1e-7)).as(a + " vs " + e).isTrue();
        }
    }

    @Test
    void theGeoPackageHasTwoLayersAndWantsOneNamed() throws Exception {
        Path gpkg = Files.copy(SPATIAL.resolve("quartiers.gpkg"), dir.resolve("q.gpkg"));
        assertThatThrownBy(() -> read(gpkg, "geopackage", null))
                .hasMessageContaining("2 feature tables [quartiers, quartiers_wgs84]; name one with format.layer");
    }
}
