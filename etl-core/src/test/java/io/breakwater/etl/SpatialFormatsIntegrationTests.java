package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import io.breakwater.synth.SyntheticCity;
import io.breakwater.synth.layers.LayerFormat;
import io.breakwater.synth.layers.SpatialLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The same synthetic city written as GeoJSON (WGS84), shapefiles (UTM 17N, ESRI .prj without AUTHORITY), the same
 * shapefiles in one zip, and a GeoPackage (EPSG:26917) gives the same curated tables on DuckDB and SQLite: areas,
 * soil zones, pipes and the breaks read as points. Numbers and coordinates agree within 1e-6 (degrees where the
 * shapefile and GeoPackage layers were reprojected); columns that say where a value came from (source x/y/CRS, record
 * hash, run) are left out.
 */
class SpatialFormatsIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final Set<String> PROVENANCE = Set.of("run_id", "record_hash", "source_x", "source_y", "source_crs");
    static final double TOLERANCE = 1e-6;

    @TempDir
    static Path city;

    @BeforeAll
    static void writeCity() {
        SyntheticCity.builder().pipes(400).years(3).seed(7).fullTruthLimit(0).build().writeTo(city);
    }

    @TempDir
    Path dir;

    @EachStoreKind
    void everyFormatGivesTheSameCuratedTables(TestStores.Kind kind) throws Exception {
        Map<LayerFormat, Map<String, List<Map<String, Object>>>> tables = new LinkedHashMap<>();
        for (LayerFormat format : LayerFormat.values()) {
            SpatialLayers.Written w = SpatialLayers.write(city, format, city.resolve(format.label()));
            Path storeDir = Files.createDirectories(dir.resolve(format.label()));
            try (BreakwaterStore store = TestStores.fresh(kind, storeDir)) {
                Ingest ingest = Ingest.into(store).withClock(CLOCK);
                IngestReport areas = ingest.areas(w.mappings().get("areas"), w.files().get("areas"));
                IngestReport soil = ingest.soil(w.mappings().get("soil_zones"), w.files().get("soil_zones"));
                IngestReport pipes = ingest.pipes(w.mappings().get("pipes"), w.files().get("pipes"));
                IngestReport breaks = ingest.breaks(w.mappings().get("breaks"), w.files().get("breaks"));
                assertThat(areas.rowsLoaded()).as(format + " areas").isPositive();
                assertThat(soil.rowsLoaded()).as(format + " soil").isPositive();
                assertThat(pipes.rowsLoaded()).as(format + " pipes").isEqualTo(400);
                assertThat(breaks.rowsLoaded()).as(format + " breaks").isPositive();
                Map<String, List<Map<String, Object>>> t = new LinkedHashMap<>();
                t.put("areas", rows(store, AREAS, AREAS.AREA_ID));
                t.put("soil_zones", rows(store, SOIL_ZONES, SOIL_ZONES.ZONE_ID));
                t.put("pipes", rows(store, PIPES, PIPES.PIPE_ID));
                t.put("pipe_breaks_clean", rows(store, PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.BREAK_ID));
                tables.put(format, t);
            }
        }
        Map<String, List<Map<String, Object>>> reference = tables.get(LayerFormat.GEOJSON);
        for (LayerFormat format : LayerFormat.values()) {
            for (String table : reference.keySet()) {
                assertSame(format + " " + table + " on " + kind, reference.get(table), tables.get(format).get(table));
            }
        }
    }

    static List<Map<String, Object>> rows(BreakwaterStore store, Table<?> table, Field<String> key) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : store.dsl().selectFrom(table).orderBy(key).fetch()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Field<?> f : r.fields()) {
                if (!PROVENANCE.contains(f.getName())) {
                    row.put(f.getName(), r.get(f));
                }
            }
            out.add(row);
        }
        return out;
    }

    static void assertSame(String what, List<Map<String, Object>> expected, List<Map<String, Object>> actual)
            throws ParseException {
        assertThat(actual).as(what + " rows").hasSameSizeAs(expected);
        WKTReader wkt = new WKTReader();
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = expected.get(i);
            Map<String, Object> a = actual.get(i);
            assertThat(a.keySet()).as(what).containsExactlyElementsOf(e.keySet());
            for (String column : e.keySet()) {
                Object ev = e.get(column);
                Object av = a.get(column);
                String where = what + " row " + i + " (" + e.values().iterator().next() + ") column " + column;
                if (ev instanceof Number en && av instanceof Number an && !(ev instanceof Long) && !(ev instanceof Integer)) {
                    assertThat(an.doubleValue()).as(where).isCloseTo(en.doubleValue(), org.assertj.core.api.Assertions.within(TOLERANCE));
                } else if (column.equals("geometry_wkt") && ev != null && av != null) {
                    Geometry eg = wkt.read(ev.toString()).norm();
                    Geometry ag = wkt.read(av.toString()).norm();
                    assertThat(ag.equalsExact(eg, TOLERANCE)).as(where + ": " + av + " vs " + ev).isTrue();
                } else {
                    assertThat(av).as(where).isEqualTo(ev);
                }
            }
        }
    }
}
