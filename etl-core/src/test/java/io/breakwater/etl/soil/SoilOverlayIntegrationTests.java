package io.breakwater.etl.soil;

import static io.breakwater.db.schema.Tables.AREA_SOIL;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.env.EnvFixtures;
import io.breakwater.etl.pipes.PipeIngest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;

class SoilOverlayIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static String square(double lon0, double lat0, double lon1, double lat1) {
        return String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],"
                + "[%f,%f],[%f,%f]]]}", lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
    }

    @EachStoreKind
    void areasGetAreaWeightedSoilAndPipesAndBreaksTheZoneUnderThem(TestStores.Kind kind) {
        // two zones side by side, split at lon -79.39: west corrosivity 0.2, east 0.6 (a class: high = 0.625)
        Path soil = EnvFixtures.write(dir.resolve("soil.geojson"), "{\"type\":\"FeatureCollection\","
                + "\"metadata\":{\"synthetic\":true},\"features\":[\n"
                + "{\"type\":\"Feature\",\"properties\":{\"zone_id\":\"W\",\"soil_type\":\"sand\",\"corrosivity\":0.2,"
                + "\"shrink_swell\":\"low\"},\"geometry\":" + square(-79.45, 43.65, -79.39, 43.80) + "},\n"
                + "{\"type\":\"Feature\",\"properties\":{\"zone_id\":\"E\",\"soil_type\":\"clay\",\"corrosivity\":\"high\","
                + "\"shrink_swell\":0.9},\"geometry\":" + square(-79.39, 43.65, -79.33, 43.80) + "}\n]}\n");
        Path soilMapping = EnvFixtures.write(dir.resolve("soil.yaml"),
                EnvFixtures.soilMapping("test-soil") + "synthetic: true\n");
        // area A straddles both zones a quarter west, three quarters east; area B lies half outside every zone
        Path areas = EnvFixtures.write(dir.resolve("areas.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\",\"name\":\"A\"},\"geometry\":"
                + square(-79.40, 43.70, -79.36, 43.72) + "},\n"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"B\",\"name\":\"B\"},\"geometry\":"
                + square(-79.35, 43.70, -79.31, 43.72) + "}\n]}\n");
        Path areasMapping = EnvFixtures.write(dir.resolve("areas.yaml"), """
                source: test-areas
                kind: areas
                format: { type: geojson }
                id: { columns: [code] }
                name: { column: name }
                """);
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            Ingest ingest = Ingest.into(store).withClock(CLOCK);
            IngestReport soilRun = ingest.soil(soilMapping, soil);
            assertThat(soilRun.rowsLoaded()).isEqualTo(2);
            assertThat(store.dsl().fetchCount(SOIL_ZONES, SOIL_ZONES.IS_SYNTHETIC.isTrue())).isEqualTo(2);
            ingest.areas(areasMapping, areas);
            ingest.pipes(EnvFixtures.pipesMapping(dir), EnvFixtures.pipes(dir));
            ingest.breaks(EnvFixtures.breaksMapping(dir), EnvFixtures.breaks(dir));

            IngestReport overlay = Ingest.into(store).withClock(CLOCK).soilOverlay();

            var a = store.dsl().selectFrom(AREA_SOIL).where(AREA_SOIL.AREA_ID.like("%A")).fetchOne();
            assertThat(a.getSoilCoverage()).isCloseTo(1.0, within(1e-6));
            assertThat(a.getSoilCorrosivityIndex()).isCloseTo(0.25 * 0.2 + 0.75 * 0.625, within(1e-4));
            assertThat(a.getSoilShrinkSwellIndex()).isCloseTo(0.25 * (0.5 / 3) + 0.75 * 0.9, within(1e-4));
            assertThat(a.getSoilZoneId()).isEqualTo("E");
            assertThat(a.getSoilType()).isEqualTo("clay");
            assertThat(a.getZonesOverlapping()).isEqualTo(2);
            var b = store.dsl().selectFrom(AREA_SOIL).where(AREA_SOIL.AREA_ID.like("%B")).fetchOne();
            assertThat(b.getSoilCoverage()).isCloseTo(0.5, within(1e-3));
            assertThat(b.getSoilCorrosivityIndex()).isCloseTo(0.625, within(1e-6));

            // pipes run from lon -79.40 to -79.39: their centroid (-79.395) lies in the west zone
            assertThat(store.dsl().selectDistinct(PIPES.SOIL_ZONE_ID).from(PIPES).fetch(PIPES.SOIL_ZONE_ID))
                    .containsExactly("W");
            // breaks west of -79.39 are in W, the others in E
            for (var br : store.dsl().selectFrom(PIPE_BREAKS_CLEAN).fetch()) {
                assertThat(br.getSoilZoneId()).isEqualTo(br.getLon() < -79.39 ? "W" : "E");
            }
            assertThat(overlay.checks()).anySatisfy(q -> {
                assertThat(q.checkName()).isEqualTo("soil_overlay_breaks");
                assertThat(q.observedValue()).isEqualTo(1.0);
            });

            // the overlay again on the same layers changes no row, not even area_soil's run id, and says so
            var runIds = store.dsl().select(AREA_SOIL.RUN_ID).from(AREA_SOIL).orderBy(AREA_SOIL.AREA_ID).fetch(AREA_SOIL.RUN_ID);
            IngestReport again = ingest.soilOverlay();
            assertThat(again.status()).isEqualTo("unchanged");
            assertThat(again.counts().updated()).isZero();
            assertThat(again.counts().inserted()).isZero();
            assertThat(store.dsl().select(AREA_SOIL.RUN_ID).from(AREA_SOIL).orderBy(AREA_SOIL.AREA_ID).fetch(AREA_SOIL.RUN_ID))
                    .isEqualTo(runIds);
            IngestReport match = ingest.matchPipes(io.breakwater.etl.pipes.PipeMatcher.Options.DEFAULT);
            assertThat(ingest.matchPipes(io.breakwater.etl.pipes.PipeMatcher.Options.DEFAULT).status())
                    .as("matching again after " + match.status()).isEqualTo("unchanged");
        }
    }
}
