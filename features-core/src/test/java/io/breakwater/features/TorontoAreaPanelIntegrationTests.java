package io.breakwater.features;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.Tables;
import io.breakwater.db.schema.tables.records.AreasRecord;
import io.breakwater.db.schema.tables.records.PipeBreaksCleanRecord;
import io.breakwater.db.testing.TestStores;
import io.breakwater.db.BulkRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * The real Toronto sample at area grain: 140 neighbourhoods x 324 months (1990-01..2016-12) = 45,360 rows, whose
 * break counts reconcile exactly with pipe_breaks_clean. Ingestion is another module, so this test loads the published
 * files itself in the simplest way (WGS84 POINT_X/POINT_Y, point in polygon).
 */
class TorontoAreaPanelIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void areaPanelCoversEveryNeighbourhoodAndMonthAndReconcilesWithTheBreaks() throws Exception {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            int outside = load(store.dsl());

            FeatureBuildResult result = FeatureBuild.on(store)
                    .run(FeatureSetDefinition.builder().grain(Grain.area()).horizonMonths(12).build());

            assertThat(result.assetCount()).isEqualTo(140);
            assertThat(result.firstMonth()).isEqualTo(YearMonth.of(1990, 1));
            assertThat(result.lastMonth()).isEqualTo(YearMonth.of(2016, 12));
            assertThat(result.monthCount()).isEqualTo(324);
            assertThat(result.rowCount()).isEqualTo(45_360);
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(45_360);
            assertThat(result.breaksUnassigned()).isEqualTo(outside);
            assertThat(result.breaksInPanel() + result.breaksUnassigned()).isEqualTo(35_465);

            Map<String, Integer> expected = new HashMap<>();
            store.dsl().select(PIPE_BREAKS_CLEAN.AREA_ID, PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH,
                            DSL.count())
                    .from(PIPE_BREAKS_CLEAN).where(PIPE_BREAKS_CLEAN.AREA_ID.isNotNull())
                    .groupBy(PIPE_BREAKS_CLEAN.AREA_ID, PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH)
                    .forEach(r -> expected.put(r.value1() + "@" + YearMonth.of(r.value2(), r.value3()), r.value4()));
            Map<String, Integer> actual = new HashMap<>();
            store.dsl().select(PIPE_FEATURES_MONTHLY.ASSET_ID, PIPE_FEATURES_MONTHLY.MONTH_START,
                            PIPE_FEATURES_MONTHLY.BREAKS_IN_MONTH)
                    .from(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.BREAKS_IN_MONTH.gt(0))
                    .forEach(r -> actual.put(r.value1() + "@" + YearMonth.from(r.value2()), r.value3()));
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(35_465 - outside);

            // no climate was loaded: every climate column is NULL, never zero
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY, PIPE_FEATURES_MONTHLY.T_MEAN.isNotNull()
                    .or(PIPE_FEATURES_MONTHLY.PRECIP_MM_3M.isNotNull()))).isZero();
            // adjacent neighbourhoods: every one of the 140 has some
            assertThat(store.dsl().fetchCount(store.dsl().selectDistinct(Tables.ASSET_NEIGHBOURS.ASSET_ID)
                    .from(Tables.ASSET_NEIGHBOURS))).isEqualTo(140);
            // the last 12 months have no label; the rolling 12-month count at 2016-12 equals 2016's breaks
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY, PIPE_FEATURES_MONTHLY.LABEL_BREAKS.isNull()))
                    .isEqualTo(140 * 12);
            int breaks2016 = store.dsl().fetchCount(PIPE_BREAKS_CLEAN,
                    PIPE_BREAKS_CLEAN.BREAK_YEAR.eq(2016).and(PIPE_BREAKS_CLEAN.AREA_ID.isNotNull()));
            assertThat(store.dsl().select(DSL.sum(PIPE_FEATURES_MONTHLY.BREAKS_12M)).from(PIPE_FEATURES_MONTHLY)
                    .where(PIPE_FEATURES_MONTHLY.MONTH_START.eq(LocalDate.of(2016, 12, 1))).fetchOne(0, Integer.class))
                    .isEqualTo(breaks2016);
        }
    }

    /** Loads areas and breaks; returns how many breaks fall in no neighbourhood. */
    private static int load(DSLContext dsl) throws Exception {
        GeometryFactory factory = new GeometryFactory();
        List<AreasRecord> areas = new ArrayList<>();
        STRtree tree = new STRtree();
        String geojson = Files.readString(sample("neighbourhoods_140.geojson"));
        GeoJsonReader geometryReader = new GeoJsonReader(factory);
        for (JsonNode feature : new ObjectMapper().readTree(geojson).get("features")) {
            Geometry g = geometryReader.read(feature.get("geometry").toString());
            JsonNode properties = feature.get("properties");
            String code = properties.get("area_code").asText();
            AreasRecord a = new AreasRecord();
            a.setAreaId(code);
            a.setAreaCode(code);
            a.setAreaName(properties.get("area_name").asText());
            a.setAreaSet("toronto-neighbourhoods-140");
            a.setGeometryWkt(new WKTWriter().write(g));
            a.setRunId(1L);
            areas.add(a);
            tree.insert(g.getEnvelopeInternal(), new Object[] {code, PreparedGeometryFactory.prepare(g)});
        }
        List<PipeBreaksCleanRecord> breaks = new ArrayList<>();
        int outside = 0;
        DateTimeFormatter yyyymmdd = DateTimeFormatter.ofPattern("yyyyMMdd");
        List<String> lines = Files.readAllLines(sample("watermain_breaks_1990_2016.csv"));
        // n: the line number in the file, from 2 (after the header)
        for (int n = 2; n <= lines.size(); n++) {
            String[] f = lines.get(n - 1).split(",", -1);
            LocalDate date = LocalDate.parse(f[0], yyyymmdd);
            double lon = Double.parseDouble(f[4]);
            double lat = Double.parseDouble(f[5]);
            Point p = factory.createPoint(new Coordinate(lon, lat));
            String area = null;
            for (Object o : tree.query(p.getEnvelopeInternal())) {
                Object[] entry = (Object[]) o;
                if (((PreparedGeometry) entry[1]).covers(p)) {
                    area = (String) entry[0];
                    break;
                }
            }
            outside += area == null ? 1 : 0;
            PipeBreaksCleanRecord b = new PipeBreaksCleanRecord();
            b.setBreakId("toronto:" + n);
            b.setSourceName("toronto-breaks");
            b.setSourceRecordId(String.valueOf(n));
            b.setBreakDate(date);
            b.setBreakYear(date.getYear());
            b.setBreakMonth(date.getMonthValue());
            b.setLon(lon);
            b.setLat(lat);
            b.setAreaId(area);
            b.setRecordHash(String.valueOf(n));
            b.setRunId(2L);
            b.setSourceLine((long) n);
            breaks.add(b);
        }
        assertThat(breaks).hasSize(35_465);
        dsl.transaction(cfg -> {
            BulkRows.insert(cfg.dsl(), Tables.AREAS, areas);
            BulkRows.insert(cfg.dsl(), Tables.PIPE_BREAKS_CLEAN, breaks);
        });
        return outside;
    }

    /** A file of the bundled Toronto sample ({@code sample-data/toronto}, the demo's own data). */
    private static Path sample(String name) {
        Path file = Path.of("..", "sample-data", "toronto", name);
        assertThat(file).as("the bundled Toronto sample").exists();
        return file;
    }
}
