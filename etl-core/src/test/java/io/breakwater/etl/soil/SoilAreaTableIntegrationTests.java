package io.breakwater.etl.soil;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.AREA_SOIL;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;
import static io.breakwater.etl.testing.IngestAssertions.assertRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.env.EnvFixtures;
import io.breakwater.etl.pipes.PipeIngest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soil as a table keyed by area gives the overlay, pipes and breaks the same shape as a polygon layer whose zones are
 * the areas themselves; unknown, empty and repeated area codes and bad values are rejected with their reason.
 */
class SoilAreaTableIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    /** Three districts side by side over the test pipes and breaks (boundaries off every break's longitude). */
    static final double[][] DISTRICTS = {{-79.41, -79.39725}, {-79.39725, -79.3935}, {-79.3935, -79.38}};
    static final String[] CODES = {"A", "B", "C"};

    @TempDir
    Path dir;

    static String square(double lon0, double lon1) {
        return SoilOverlayIntegrationTests.square(lon0, 43.69, lon1, 43.75);
    }

    Path areas() {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < CODES.length; i++) {
            sb.append(i > 0 ? ",\n" : "").append("{\"type\":\"Feature\",\"properties\":{\"code\":\"").append(CODES[i])
                    .append("\"},\"geometry\":").append(square(DISTRICTS[i][0], DISTRICTS[i][1])).append('}');
        }
        return EnvFixtures.write(dir.resolve("districts.geojson"), sb.append("\n]}\n").toString());
    }

    Path areasMapping() {
        return EnvFixtures.write(dir.resolve("districts.yaml"),
                "source: districts\nkind: areas\nformat: { type: geojson }\nid: { columns: [code] }\n");
    }

    static final String TABLE_MAPPING = """
            source: soil-table
            kind: soil
            format: { type: csv, delimiter: ";" }
            id: { columns: [district] }
            areas: districts
            attributes:
              soilType:    { column: soil }
              corrosivity: { column: corrosion }
              shrinkSwell: { column: swell }
            """;

    /** A, B good; X unknown; an empty code; A again; C with a corrosivity that is no class. */
    Path table() {
        return EnvFixtures.write(dir.resolve("soil-by-district.csv"), """
                district;soil;corrosion;swell
                A;clay;high;0.9
                B;sand;0.2;low
                X;clay;low;low
                ;clay;low;low
                A;silt;low;low
                C;silt;extreme;low
                """);
    }

    /** The polygon layer equivalent to the table's accepted rows: zones A and B with the districts' squares. */
    Path polygons() {
        return EnvFixtures.write(dir.resolve("soil.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + "{\"type\":\"Feature\",\"properties\":{\"zone_id\":\"soil-table:A\",\"soil_type\":\"clay\","
                + "\"corrosivity\":\"high\",\"shrink_swell\":0.9},\"geometry\":" + square(DISTRICTS[0][0], DISTRICTS[0][1])
                + "},\n{\"type\":\"Feature\",\"properties\":{\"zone_id\":\"soil-table:B\",\"soil_type\":\"sand\","
                + "\"corrosivity\":0.2,\"shrink_swell\":\"low\"},\"geometry\":" + square(DISTRICTS[1][0], DISTRICTS[1][1])
                + "}\n]}\n");
    }

    Path polygonMapping() {
        return EnvFixtures.write(dir.resolve("soil-polygons.yaml"), EnvFixtures.soilMapping("soil-polygons"));
    }

    /** Areas, pipes and breaks, one soil source, then the overlay; returns what the overlay wrote. */
    Map<String, List<Object>> overlaid(BreakwaterStore store, boolean byTable) {
        Ingest ingest = Ingest.into(store).withClock(CLOCK);
        ingest.areas(areasMapping(), areas());
        ingest.pipes(EnvFixtures.pipesMapping(dir), EnvFixtures.pipes(dir));
        ingest.breaks(EnvFixtures.breaksMapping(dir), EnvFixtures.breaks(dir), "districts");
        if (byTable) {
            IngestReport run = ingest.soil(EnvFixtures.write(dir.resolve("soil-table.yaml"),
                    TABLE_MAPPING), table());
            assertRows(run, 6, 2, 4);
        } else {
            ingest.soil(polygonMapping(), polygons());
        }
        Ingest.into(store).withClock(CLOCK).soilOverlay();
        Map<String, List<Object>> out = new java.util.TreeMap<>();
        store.dsl().selectFrom(AREA_SOIL).fetch().forEach(r -> out.put("area " + r.getAreaId(), Arrays.asList(
                r.getSoilZoneId(), r.getSoilType(), r.getSoilCorrosivityIndex(), r.getSoilShrinkSwellIndex(),
                r.getSoilCoverage(), r.getZonesOverlapping())));
        store.dsl().select(PIPES.PIPE_ID, PIPES.SOIL_ZONE_ID).from(PIPES).fetch()
                .forEach(r -> out.put("pipe " + r.value1(), Arrays.asList(r.value2())));
        store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.SOIL_ZONE_ID).from(PIPE_BREAKS_CLEAN).fetch()
                .forEach(r -> out.put("break " + r.value1(), Arrays.asList(r.value2())));
        return out;
    }

    @EachStoreKind
    void aSoilTableKeyedByAreaGivesTheShapeOfTheEquivalentPolygonLayerAndRejectsUnknownAreas(TestStores.Kind kind)
            throws IOException {
        Map<String, List<Object>> byPolygons;
        try (BreakwaterStore store = TestStores.fresh(kind, Files.createDirectory(dir.resolve("polygons")))) {
            byPolygons = overlaid(store, false);
        }
        try (BreakwaterStore store = TestStores.fresh(kind, Files.createDirectory(dir.resolve("table")))) {
            Map<String, List<Object>> byTable = overlaid(store, true);
            assertThat(byTable).hasSize(3 + EnvFixtures.PIPES + EnvFixtures.BREAKS).isEqualTo(byPolygons);
            assertThat(byTable.get("area districts:A")).containsExactly("soil-table:A", "clay", 0.625, 0.9, 1.0, 1);
            assertThat(byTable.get("area districts:C")).containsExactly(null, null, null, null, 0.0, 0);
            Map<Object, Long> breaksByZone = byTable.entrySet().stream().filter(e -> e.getKey().startsWith("break"))
                    .collect(Collectors.groupingBy(e -> String.valueOf(e.getValue().get(0)), Collectors.counting()));
            assertThat(breaksByZone.keySet()).containsExactlyInAnyOrder("soil-table:A", "soil-table:B", "null");

            var zone = store.dsl().selectFrom(SOIL_ZONES).where(SOIL_ZONES.ZONE_ID.eq("soil-table:B")).fetchOne();
            var area = store.dsl().selectFrom(AREAS).where(AREAS.AREA_ID.eq("districts:B")).fetchOne();
            assertThat(zone.getGeometryWkt()).isEqualTo(area.getGeometryWkt());
            assertThat(zone.getAreaKm2()).isEqualTo(area.getAreaKm2());
            assertThat(zone.getSourceName()).isEqualTo("soil-table");
            assertThat(zone.getCorrosivityClass()).isEqualTo("low");
            assertThat(zone.getShrinkSwellClass()).isEqualTo("low");

            Map<String, Long> rules = store.dsl().select(REJECTED_ROWS.RULE).from(REJECTED_ROWS)
                    .where(REJECTED_ROWS.SOURCE_NAME.eq("soil-table")).fetch(REJECTED_ROWS.RULE).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(rules).containsOnly(Map.entry("soil_area_known", 1L), Map.entry("soil_area_code_not_null", 1L),
                    Map.entry("soil_area_unique", 1L), Map.entry("soil_attribute_values", 1L));
            var unknown = store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RULE.eq("soil_area_known"))
                    .fetchOne();
            assertThat(unknown.getLineNumber()).isEqualTo(4);
            assertThat(unknown.getRawValue()).isEqualTo("X");
            assertThat(unknown.getMessage()).contains("soil-by-district.csv", "line 4", "column 1 (district)",
                    "'X' is not an area code of area set 'districts'");
            var badValue = store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RULE.eq("soil_attribute_values"))
                    .fetchOne();
            assertThat(badValue.getMessage()).contains("line 7", "column 3 (corrosion)", "'extreme'");
            var covered = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.CHECK_NAME.eq("soil_areas_covered"))
                    .fetchOne();
            assertThat(covered.getStatus()).isEqualTo("warned");
            assertThat(covered.getObservedValue()).isEqualTo(2.0 / 3);
            assertThat(covered.getSampleValues()).isEqualTo("C");

            // the same table again changes nothing
            IngestReport again = Ingest.into(store).withClock(CLOCK).soil(
                    dir.resolve("soil-table.yaml"), dir.resolve("soil-by-district.csv"));
            assertThat(again.status()).isEqualTo("unchanged");
        }
    }
}
