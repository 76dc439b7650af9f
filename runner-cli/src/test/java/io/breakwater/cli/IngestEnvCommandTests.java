package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestEnvCommandTests {
    static final Path SAMPLE = Path.of("../sample-data/toronto");

    @TempDir
    Path dir;

    @Test
    void climateSoilPipesMatchingAndOverlayFromTheCommandLine() throws Exception {
        String db = dir.resolve("bw.duckdb").toString();
        Path climate = Files.createDirectory(dir.resolve("eccc"));
        Files.copy(SAMPLE.resolve("eccc-daily-6158350/eng-daily-01011994-12311994.csv"),
                climate.resolve("eng-daily-01011994-12311994.csv"));
        CliRun.Outcome c = CliRun.ingest("climate", SAMPLE.resolve("climate-mapping.yaml"), climate, db).succeeded();
        assertThat(c.out()).containsPattern("read\\s+365").contains("12 months", "12 with complete temperature");

        CliRun.Outcome again = CliRun.ingest("climate", SAMPLE.resolve("climate-mapping.yaml"), climate, db);
        assertThat(again.out()).contains("nothing new", "unchanged");

        CliRun.Outcome soil = CliRun.ingestSample("soil", "soil-mapping.yaml", "soil_zones_SYNTHETIC.geojson", db).succeeded();
        assertThat(soil.out()).contains("soil toronto-soil-synthetic").containsPattern("loaded\\s+60 ");

        Path pipes = dir.resolve("pipes.geojson");
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 3; i++) {
            sb.append(String.format(Locale.ROOT, "%s{\"type\":\"Feature\",\"properties\":{\"ID\":\"P%d\",\"MAT\":\"CI\"},"
                    + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[-79.40,%.4f],[-79.39,%.4f]]}}",
                    i == 0 ? "" : ",", i, 43.70 + i * 0.01, 43.70 + i * 0.01));
        }
        Files.writeString(pipes, sb.append("]}").toString());
        Path pipesMapping = Files.writeString(dir.resolve("pipes.yaml"), "source: p\nkind: pipes\nformat: { type: geojson }\n"
                + "id: { columns: [ID] }\nattributes:\n  material: { column: MAT, codes: { CI: cast_iron } }\n");
        CliRun.Outcome p = CliRun.ingest("pipes", pipesMapping, pipes, db).succeeded();
        assertThat(p.out()).contains("pipes p: run").containsPattern("loaded\\s+3 ");

        Path breaks = Files.writeString(dir.resolve("breaks.csv"), "ID,D,LON,LAT,ASSET\n"
                + "1,2015-01-01,-79.395,43.70005,\n2,2015-01-02,-79.395,43.71,P1\n");
        Path breaksMapping = Files.writeString(dir.resolve("breaks.yaml"), "source: b\nkind: breaks\nformat: { type: csv }\n"
                + "id: { columns: [ID] }\ndate: { column: D, patterns: [yyyy-MM-dd] }\n"
                + "coordinates:\n  pairs:\n    - { x: LON, y: LAT, crs: \"EPSG:4326\" }\n"
                + "attributes:\n  assetId: { column: ASSET }\n");
        assertThat(CliRun.ingest("breaks", breaksMapping, breaks, db).exitCode()).isZero();
        CliRun.Outcome match = CliRun.run("ingest", "match-pipes", "--tolerance", "20", "--db", db).succeeded();
        assertThat(match.out()).contains("matched 2 of 2 breaks (100.0 %): 1 by asset id, 1 by snapping")
                .containsPattern("pipe_match_rate\\s+passed\\s+1.000");

        CliRun.Outcome overlay = CliRun.run("ingest", "soil-overlay", "--db", db).succeeded();
        assertThat(overlay.out()).contains("3 of 3 pipes, 2 of 2 breaks lie on a soil zone");

        CliRun.Outcome bad = CliRun.run("ingest", "match-pipes", "--tolerance", "0", "--db", db);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("tolerance must be > 0");
    }

    @Test
    void aSoilTableKeyedByAreaFromTheCommandLineCoversTheTorontoNeighbourhoodsWhole() throws Exception {
        String db = dir.resolve("bw.duckdb").toString();
        CliRun.Outcome areas = CliRun.torontoAreas(db).succeeded();
        java.util.List<String> codes;
        try (io.breakwater.db.BreakwaterStore store = io.breakwater.db.BreakwaterStore.open(db)) {
            codes = store.dsl().select(io.breakwater.db.schema.Tables.AREAS.AREA_CODE)
                    .from(io.breakwater.db.schema.Tables.AREAS).orderBy(io.breakwater.db.schema.Tables.AREAS.AREA_CODE)
                    .fetch(io.breakwater.db.schema.Tables.AREAS.AREA_CODE);
        }
        assertThat(codes).hasSize(140);
        StringBuilder table = new StringBuilder("AREA,SOIL,CORROSIVITY,SHRINK_SWELL\n");
        for (int i = 1; i < codes.size(); i++) { // the first neighbourhood has no row
            table.append(codes.get(i)).append(i % 2 == 0 ? ",clay,high,0.8\n" : ",sand,0.1,low\n");
        }
        table.append("999,clay,low,low\n"); // no such neighbourhood
        Path csv = Files.writeString(dir.resolve("soil-by-area.csv"), table);
        Path mapping = Files.writeString(dir.resolve("soil-by-area.yaml"), "source: soil-by-area\nkind: soil\n"
                + "format: { type: csv }\nid: { columns: [AREA] }\nattributes:\n  soilType: { column: SOIL }\n"
                + "  corrosivity: { column: CORROSIVITY }\n  shrinkSwell: { column: SHRINK_SWELL }\n");
        CliRun.Outcome soil = CliRun.run("ingest", "soil", "--mapping", mapping.toString(), "--file",
                csv.toString(), "--areas", "toronto-neighbourhoods", "--db", db).succeeded();
        assertThat(soil.out()).contains("soil soil-by-area").containsPattern("read\\s+140")
                .containsPattern("loaded\\s+139 ").containsPattern("rejected\\s+1\\b").contains("soil_area_known")
                .contains("warning: soil_areas_covered: 139 of 140 areas of 'toronto-neighbourhoods' have a soil row");

        CliRun.Outcome overlay = CliRun.run("ingest", "soil-overlay", "--db", db).succeeded();
        assertThat(overlay.out()).contains("139 of 140 areas");
        try (io.breakwater.db.BreakwaterStore store = io.breakwater.db.BreakwaterStore.open(db)) {
            var areaSoil = io.breakwater.db.schema.Tables.AREA_SOIL;
            // real neighbour polygons share their edges: each area overlaps its own zone only, and all of it
            var rows = store.dsl().selectFrom(areaSoil).where(areaSoil.SOIL_ZONE_ID.isNotNull()).fetch();
            assertThat(rows).hasSize(139).allSatisfy(r -> {
                assertThat(r.getSoilZoneId()).isEqualTo("soil-by-area:" + r.getAreaId().substring(
                        "toronto-neighbourhoods:".length()));
                assertThat(r.getZonesOverlapping()).isEqualTo(1);
                assertThat(r.getSoilCoverage()).isEqualTo(1.0);
            });
        }
    }
}
