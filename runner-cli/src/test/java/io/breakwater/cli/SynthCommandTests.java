package io.breakwater.cli;

import static io.breakwater.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.cli.CliRun.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTests {
    @TempDir
    Path dir;


    @Test
    void writesACityAndSaysWhatItWrote() throws Exception {
        Path city = dir.resolve("city");
        Outcome o = run("synth", "--pipes", "300", "--years", "2", "--seed", "9", "--out", city.toString(), "--no-progress").succeeded();
        assertThat(o.out()).contains("synthetic city written to " + city)
                .contains("300 pipes").contains("2023-2024")
                .containsPattern("breaks drawn \\(\\d+\\.\\d per 100 km per year\\)")
                .contains("WATERMAIN_BREAKS_EXPORT.csv").contains("truth/breaks.csv.gz").contains("eccc-daily-6150001/ (2 files)");
        assertThat(city.resolve("city.json")).exists();
        assertThat(Files.readString(city.resolve("city.json"))).contains("\"seed\" : 9").contains("\"pipes\" : 300");
        assertThat(city.resolve("pipes.geojson")).exists();
        assertThat(city.resolve("breaks-mapping.yaml")).exists();
    }

    @Test
    void writesTheGeometryLayersInOtherFormatsThatTheIngestReads() throws Exception {
        Path city = dir.resolve("city");
        Outcome o = run("synth", "--pipes", "200", "--years", "2", "--out", city.toString(), "--no-progress",
                "--layers", "shapefile,geopackage").succeeded();
        assertThat(o.out()).contains("shapefile layers and mappings in " + city.resolve("shapefile"))
                .contains("geopackage layers and mappings in " + city.resolve("geopackage"));
        assertThat(city.resolve("shapefile/pipes.prj")).content().contains("NAD_1983_UTM_Zone_17N").doesNotContain("AUTHORITY");
        String db = dir.resolve("bw.duckdb").toString();
        CliRun.ingest("areas", city.resolve("geopackage/areas-mapping.yaml"),
                city.resolve("geopackage/city.gpkg"), db).succeeded();
        CliRun.Outcome pipes = CliRun.ingest("pipes", city.resolve("shapefile/pipes-mapping.yaml"),
                city.resolve("shapefile/pipes.shp"), db).succeeded();
        // a shapefile given to a GeoJSON mapping: exit code 3, naming what the file is
        CliRun.Outcome wrong = CliRun.ingest("pipes", city.resolve("pipes-mapping.yaml"),
                city.resolve("shapefile/pipes.shp"), db);
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("format.type is 'geojson' but the file looks like an ESRI Shapefile (.shp); "
                + "set format.type: shapefile");
        Outcome bad = run("synth", "--pipes", "200", "--out", city.toString(), "--no-progress", "--layers", "kml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--layers: unknown layer format 'kml'");
    }

    @Test
    void aBadSettingIsExitCode2WithOneLine() {
        Outcome o = run("synth", "--pipes", "2", "--out", dir.toString(), "--no-progress");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("breakwater: synthetic city: pipes = 2, expected 4 to 5000000");
        Outcome share = run("synth", "--asset-id-share", "1.5", "--out", dir.toString(), "--no-progress");
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("assetIdShare = 1.5");
    }

    @Test
    void theOutputFolderIsRequired() {
        Outcome o = run("synth", "--pipes", "100");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("Missing required option: '--out=DIR'");
    }
}
