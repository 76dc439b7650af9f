package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.RECORD_ATTRIBUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.pipes.PipeIngest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a mapping alone can say about a city's files: a row filter on any source kind (a county layer cut to one
 * city, service-line breaks kept out of the labels), date patterns for install dates, extra attributes, one unit
 * vocabulary, and a loud warning when a mapping misreads a column.
 */
class MappingPowerIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final Path COUNTY = Path.of("src", "test", "resources", "county").toAbsolutePath();

    @TempDir
    Path dir;

    /** A county of six 0.01-degree squares in a row; the three western ones belong to Springfield. */
    private Path countyAreas() {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < 6; i++) {
            double x = -90 + i * 0.01;
            sb.append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"CODE\":\"A%d\",\"NAME\":\"Area %d\","
                    + "\"MUNI\":\"%s\",\"POP\":%d},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,40],[%.2f,40],"
                    + "[%.2f,40.01],[%.2f,40.01],[%.2f,40]]]}}%s\n", i, i, i < 3 ? "Springfield" : "Shelbyville",
                    1000 * (i + 1), x, x + 0.01, x + 0.01, x, x, i < 5 ? "," : ""));
        }
        return EtlTesting.write(dir, "county.geojson", sb.append("]}\n").toString());
    }

    private Path areasMapping(String filter) {
        return EtlTesting.write(dir, "areas-mapping.yaml", county("areas-mapping.yaml") + filter);
    }

    /** 12 breaks, two in each county square; every third a service-line break; a soil code on each. */
    private Path breaks() {
        StringBuilder sb = new StringBuilder("ID,DATE,LON,LAT,TYPE,SOIL,DEPTH_FT\n");
        for (int j = 0; j < 12; j++) {
            double lon = -90 + (j / 2) * 0.01 + 0.005;
            sb.append(String.format(Locale.ROOT, "B%02d,2020/%02d/03 00:00:00+00,%.4f,40.005,%s,%s,%s\n", j, 1 + j % 12,
                    lon, j % 3 == 0 ? "SERVICE" : "MAIN", j % 2 == 0 ? "CL" : "SA", j == 5 ? "deep" : "4.5"));
        }
        return EtlTesting.write(dir, "breaks.csv", sb.toString());
    }

    private Path breaksMapping() {
        return EtlTesting.write(dir, "breaks-mapping.yaml", county("breaks-mapping.yaml"));
    }

    @EachStore
    void aCountyLayerCutToOneCityKeepsItsPolygonsAndBreaksOutsideThemAreFlagged(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store).withClock(CLOCK);
        IngestReport areas = ingest.areas(areasMapping("""
                filter:
                  - { column: MUNI, equals: Springfield }
                """), countyAreas());
        assertThat(areas.rowsRead()).isEqualTo(6);
        assertThat(areas.rowsFiltered()).isEqualTo(3);
        assertThat(areas.rowsLoaded()).isEqualTo(3);
        assertThat(areas.rowsRead()).isEqualTo(areas.rowsLoaded() + areas.rowsRejected() + areas.rowsFiltered());
        assertThat(areas.reasons()).contains(new IngestReport.ReasonCount("MUNI = 'Springfield'", "filtered", 3));
        assertThat(store.dsl().select(AREAS.AREA_CODE).from(AREAS).orderBy(AREAS.AREA_CODE).fetch(AREAS.AREA_CODE))
                .containsExactly("A0", "A1", "A2");

        IngestReport breaks = ingest.breaks(breaksMapping(), breaks());
        assertThat(breaks.rowsRead()).isEqualTo(12);
        assertThat(breaks.rowsFiltered()).as("service-line breaks leave the labels").isEqualTo(4);
        assertThat(breaks.rowsRead()).isEqualTo(breaks.rowsLoaded() + breaks.rowsRejected() + breaks.rowsFiltered());
        assertThat(breaks.rowsLoaded()).isEqualTo(8);
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.BREAK_TYPE.eq("SERVICE"))).isZero();
        // breaks in Shelbyville's squares: loaded, but outside every area of the set, and flagged so
        List<String> outside = store.dsl().select(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID).from(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.AREA_ID.isNull()).orderBy(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID)
                .fetch(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID);
        assertThat(outside).containsExactly("B07", "B08", "B10", "B11");
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.FLAGS.contains("inside_an_area")))
                .isEqualTo(4);
        // a date written with a UTC offset keeps its date without date.zone: no break moves a day back
        assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_DATE).from(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID.eq("B01")).fetchOne(PIPE_BREAKS_CLEAN.BREAK_DATE))
                .isEqualTo(LocalDate.of(2020, 2, 3));

        var run = store.dsl().selectFrom(INGEST_RUNS).where(INGEST_RUNS.RUN_ID.eq(breaks.runId())).fetchOne();
        assertThat(run.getRowsRead()).isEqualTo(12);
        assertThat(run.getRowsFiltered()).isEqualTo(4);
        assertThat(run.getRowsRead()).isEqualTo(run.getRowsLoaded() + run.getRowsRejected() + run.getRowsFiltered());

        // extra attributes: stored per accepted break, through their codes and units
        assertThat(store.dsl().select(RECORD_ATTRIBUTES.TEXT_VALUE).from(RECORD_ATTRIBUTES)
                .where(RECORD_ATTRIBUTES.RECORD_KIND.eq("breaks"), RECORD_ATTRIBUTES.NAME.eq("soil_code"),
                        RECORD_ATTRIBUTES.RECORD_ID.eq("county-breaks:B01"))
                .fetchOne(RECORD_ATTRIBUTES.TEXT_VALUE)).isEqualTo("sand");
        assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES, RECORD_ATTRIBUTES.NAME.eq("soil_code"))).isEqualTo(8);
        assertThat(store.dsl().select(RECORD_ATTRIBUTES.NUMBER_VALUE).from(RECORD_ATTRIBUTES)
                .where(RECORD_ATTRIBUTES.NAME.eq("depth_m"), RECORD_ATTRIBUTES.RECORD_ID.eq("county-breaks:B01"))
                .fetchOne(RECORD_ATTRIBUTES.NUMBER_VALUE)).isCloseTo(4.5 * 0.3048, within(1e-9));
        // "deep" is no number: the value is left out, the row flagged and the check counts it
        assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES, RECORD_ATTRIBUTES.NAME.eq("depth_m"))).isEqualTo(7);
        assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.FLAGS).from(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID.eq("B05")).fetchOne(PIPE_BREAKS_CLEAN.FLAGS))
                .contains("extra_readable");

        // the same files again change nothing, extra attributes included
        IngestReport again = ingest.breaks(breaksMapping(), breaks());
        assertThat(again.status()).isEqualTo("unchanged");
        assertThat(again.rowsFiltered()).isEqualTo(4);
        assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES)).isEqualTo(15);
    }

    @Test
    void aValueANewerFileNoLongerHoldsLeavesTheAttributes() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Ingest ingest = Ingest.into(store).withClock(CLOCK);
            ingest.breaks(breaksMapping(), breaks());
            Path newer = EtlTesting.write(dir, "breaks.csv", """
                    ID,DATE,LON,LAT,TYPE,SOIL,DEPTH_FT
                    B01,2020/02/03 00:00:00+00,-89.9950,40.005,MAIN,,4.5
                    """);
            IngestReport report = ingest.breaks(breaksMapping(), newer);
            assertThat(report.status()).isEqualTo("succeeded");
            assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES, RECORD_ATTRIBUTES.RECORD_ID.eq("county-breaks:B01")
                    .and(RECORD_ATTRIBUTES.NAME.eq("soil_code")))).isZero();
            assertThat(store.dsl().fetchCount(RECORD_ATTRIBUTES, RECORD_ATTRIBUTES.RECORD_ID.eq("county-breaks:B01")
                    .and(RECORD_ATTRIBUTES.NAME.eq("depth_m")))).isOne();
        }
    }

    /** An attribute-only pipe inventory as a Canadian utility publishes it: dates with a UTC offset, feet, inches. */
    private Path pipes() {
        List<String> rows = new ArrayList<>(List.of("ASSET,MAT,DIA_IN,LEN_FT,INSTALLED,LINED,CRIT"));
        for (int i = 0; i < 10; i++) {
            rows.add(String.format(Locale.ROOT, "W%d,CI,%d,%d,%d/01/01 00:00:00+00,%s,%d", i, 6 + i % 3 * 2, 100 * (i + 1),
                    1950 + i, i % 2 == 0 ? "Y" : "N", i % 5));
        }
        return EtlTesting.write(dir, "pipes.csv", String.join("\n", rows) + "\n");
    }

    /** The pipe mapping, its install date column read with {@code installPatterns} (a YAML tail, may be empty). */
    private Path pipesMapping(String installPatterns) {
        return EtlTesting.write(dir, "pipes-mapping.yaml", county("pipes-mapping.yaml").formatted(installPatterns));
    }

    /** A mapping of the county fixture (src/test/resources/county). */
    private static String county(String name) {
        try {
            return Files.readString(COUNTY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EachStore
    void installDatesAreReadThroughAPatternAndUnitsConvert(BreakwaterStore store) {
        IngestReport report = Ingest.into(store).withClock(CLOCK).pipes(
                pipesMapping(", patterns: [\"yyyy/MM/dd HH:mm:ssX\"]"), pipes());
        assertThat(report.rowsLoaded()).isEqualTo(10);
        assertThat(report.rowsFlagged()).isZero();
        assertThat(report.warnings()).isEmpty();
        var w4 = store.dsl().selectFrom(PIPES).where(PIPES.PIPE_ID.eq("W4")).fetchOne();
        assertThat(w4.getInstallYear()).isEqualTo(1954);
        assertThat(w4.getDiameterMm()).isCloseTo(8 * 25.4, within(1e-9));
        assertThat(w4.getLengthM()).isCloseTo(500 * 0.3048, within(1e-9));
        assertThat(store.dsl().select(RECORD_ATTRIBUTES.TEXT_VALUE).from(RECORD_ATTRIBUTES)
                .where(RECORD_ATTRIBUTES.RECORD_KIND.eq("pipes"), RECORD_ATTRIBUTES.RECORD_ID.eq("W4"),
                        RECORD_ATTRIBUTES.NAME.eq("lined")).fetchOne(RECORD_ATTRIBUTES.TEXT_VALUE)).isEqualTo("lined");
        assertThat(store.dsl().select(RECORD_ATTRIBUTES.NUMBER_VALUE).from(RECORD_ATTRIBUTES)
                .where(RECORD_ATTRIBUTES.RECORD_ID.eq("W4"), RECORD_ATTRIBUTES.NAME.eq("criticality"))
                .fetchOne(RECORD_ATTRIBUTES.NUMBER_VALUE)).isEqualTo(4.0);
    }

    @Test
    void aMappingThatMisreadsInstallDatesWarnsLoudlyAndNeverStoresPassed() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            // no pattern: '1950/01/01 00:00:00+00' is neither a year nor an ISO date
            IngestReport report = Ingest.into(store).withClock(CLOCK).pipes(pipesMapping(""), pipes());
            assertThat(report.rowsLoaded()).isEqualTo(10);
            assertThat(report.warnings()).singleElement().satisfies(w -> {
                assertThat(w.checkName()).isEqualTo("pipe_install_year_range");
                assertThat(w.message()).contains("10 of 10", "mapping key attributes.installYear",
                        "'1950/01/01 00:00:00+00'", "attributes.installYear.patterns");
            });
            assertThat(report.summary()).contains("WARNING pipe_install_year_range");
            assertThat(store.dsl().select(DQ_RESULTS.STATUS).from(DQ_RESULTS)
                    .where(DQ_RESULTS.RUN_ID.eq(report.runId()), DQ_RESULTS.CHECK_NAME.eq("pipe_install_year_range"))
                    .fetchOne(DQ_RESULTS.STATUS)).isEqualTo("warned");

            // a wrong pattern reads none either, and says which patterns it tried
            IngestReport wrong = Ingest.into(store).withClock(CLOCK).pipes(
                    pipesMapping(", patterns: [\"dd/MM/yyyy\"]"), pipes());
            assertThat(wrong.warnings()).extracting(CheckResult::message).singleElement().asString()
                    .contains("[dd/MM/yyyy]", "attributes.installYear");
        }
    }

    @Test
    void aFilterThatKeepsNothingOutIsNamedAndABadRuleIsRefusedBeforeAnyRun() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Ingest ingest = Ingest.into(store).withClock(CLOCK);
            assertThatThrownBy(() -> ingest.areas(areasMapping("""
                    filter:
                      - { column: MUNI, equals: Capital City }
                    """), countyAreas())).isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining("all 6 features").hasMessageContaining("MUNI = 'Capital City'");
            long runs = store.dsl().fetchCount(INGEST_RUNS);
            for (String bad : List.of("filter:\n  - { column: MUNI }\n", "filter:\n  - { equals: X }\n",
                    "filter:\n  - { column: POP, min: 5, max: 1 }\n", "filter:\n  - { column: NOPE, equals: X }\n",
                    "extra:\n  Pop: { column: POP }\n", "extra:\n  pop: { column: POP, type: integer }\n",
                    "extra:\n  built: { column: POP, type: date }\n")) {
                assertThatThrownBy(() -> ingest.areas(areasMapping(bad), countyAreas()))
                        .as(bad).isInstanceOf(BreakwaterException.class)
                        .satisfies(e -> assertThat(((BreakwaterException) e).errorCode())
                                .isIn(ErrorCode.INVALID_CONFIGURATION, ErrorCode.INVALID_INPUT))
                        .hasMessageContaining(bad.startsWith("filter") ? "filter[0]" : "extra.");
            }
            assertThat(store.dsl().fetchCount(INGEST_RUNS)).as("a bad mapping is no failed run").isEqualTo(runs);
            assertThat(store.dsl().fetchCount(AREAS)).isZero();
        }
    }

    @Test
    void rangeInAndIsNullRulesCombineWithAnyOf() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport report = Ingest.into(store).withClock(CLOCK).areas(areasMapping("""
                    filter:
                      - anyOf:
                          - { column: POP, min: 2000, max: 3000 }
                          - { column: CODE, in: [A5] }
                      - { column: NAME, isNull: false }
                    """), countyAreas());
            assertThat(report.rowsFiltered()).isEqualTo(3);
            assertThat(store.dsl().select(AREAS.AREA_CODE).from(AREAS).orderBy(AREAS.AREA_CODE).fetch(AREAS.AREA_CODE))
                    .containsExactly("A1", "A2", "A5");
            assertThat(report.reasons()).extracting(IngestReport.ReasonCount::rule)
                    .containsExactly("(POP >= 2000 and POP <= 3000 or CODE in [A5])");
        }
    }
}
