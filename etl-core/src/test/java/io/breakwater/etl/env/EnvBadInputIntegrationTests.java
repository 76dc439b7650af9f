package io.breakwater.etl.env;

import static io.breakwater.db.schema.Tables.CLIMATE_DAILY;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;
import static io.breakwater.etl.testing.IngestAssertions.assertRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.climate.ClimateIngest;
import io.breakwater.etl.pipes.PipeIngest;
import io.breakwater.etl.soil.SoilIngest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus of break ingestion, extended to climate, soil and pipes: each bad file gives a clear error
 * naming file and line (and nothing is written but the failed run's log line), or rejects with their reasons while
 * the rest loads (read = loaded + rejected).
 */
class EnvBadInputIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    static final Path ECCC_1994 = Path.of("../sample-data/toronto/eccc-daily-6158350/eng-daily-01011994-12311994.csv");

    @TempDir
    Path dir;
    BreakwaterStore store;
    Ingest ingest;

    @BeforeEach
    void open() {
        store = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
        ingest = Ingest.into(store).withClock(CLOCK);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Path write(String name, String text) {
        return EnvFixtures.write(dir.resolve(name), text);
    }

    Path climateMapping(String format) {
        return write("climate-" + format + ".yaml", "source: c\nkind: climate\nformat: { type: " + format + " }\n");
    }

    /** Expects a clear error and no change to the curated tables. */
    void refused(Runnable ingestCall, ErrorCode code, String... fragments) {
        int before = store.dsl().fetchCount(CLIMATE_DAILY) + store.dsl().fetchCount(CLIMATE_MONTHLY)
                + store.dsl().fetchCount(SOIL_ZONES) + store.dsl().fetchCount(PIPES);
        assertThatThrownBy(ingestCall::run).isInstanceOf(BreakwaterException.class)
                .satisfies(e -> {
                    assertThat(((BreakwaterException) e).errorCode()).isEqualTo(code);
                    assertThat(e.getMessage()).doesNotContain("\n").contains(fragments);
                });
        int after = store.dsl().fetchCount(CLIMATE_DAILY) + store.dsl().fetchCount(CLIMATE_MONTHLY)
                + store.dsl().fetchCount(SOIL_ZONES) + store.dsl().fetchCount(PIPES);
        assertThat(after).as("nothing partial").isEqualTo(before);
    }

    Map<String, Long> rejectRules(long runId) {
        return store.dsl().select(REJECTED_ROWS.RULE).from(REJECTED_ROWS).where(REJECTED_ROWS.RUN_ID.eq(runId))
                .fetch(REJECTED_ROWS.RULE).stream().collect(Collectors.groupingBy(Function.identity(),
                        Collectors.counting()));
    }

    @Test
    void climateFilesThatCannotBeReadAreRefusedWithFileAndLine() throws Exception {
        Path eccc = climateMapping("eccc-daily");
        Path empty = write("empty.csv", "");
        refused(() -> ingest.climate(eccc, empty), ErrorCode.INVALID_INPUT, empty.toString(), "empty");

        List<String> lines = Files.readAllLines(ECCC_1994, StandardCharsets.UTF_8);
        Path headerOnly = write("header-only.csv", String.join("\n", lines.subList(0, 26)) + "\n");
        refused(() -> ingest.climate(eccc, headerOnly), ErrorCode.INVALID_INPUT, "no data rows");

        byte[] latin1 = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        Path wrongEncoding = dir.resolve("latin1.csv");
        Files.write(wrongEncoding, latin1);
        refused(() -> ingest.climate(eccc, wrongEncoding), ErrorCode.INVALID_INPUT, "line 26",
                "not valid UTF-8");

        List<String> quoted = new java.util.ArrayList<>(lines);
        quoted.set(39, quoted.get(39) + ",\"oops");                                       // line 40
        Path unbalanced = write("unbalanced.csv", String.join("\n", quoted) + "\n");
        refused(() -> ingest.climate(eccc, unbalanced), ErrorCode.INVALID_INPUT, "line 40",
                "unbalanced quote");

        Path ghcn = write("ghcn.csv", "\"STATION\",\"DAY\",\"TMAX\"\n\"X\",\"2020-01-01\",\"10\"\n");
        refused(() -> ingest.climate(climateMapping("ghcn-daily"), ghcn), ErrorCode.INVALID_INPUT,
                "line 1", "no column DATE");

        refused(() -> ingest.climate(climateMapping("weekly"), ECCC_1994),
                ErrorCode.INVALID_CONFIGURATION, "format.type", "weekly");
        assertThat(store.dsl().fetchCount(INGEST_RUNS, INGEST_RUNS.STATUS.eq("failed"))).isEqualTo(5);
    }

    @Test
    void climateRowsThatCannotBeReadAreRejectedWithTheirReasonAndTheRestLoads() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(ECCC_1994, StandardCharsets.UTF_8));
        lines.set(29, lines.get(29).replace("\"1994-01-04\"", "\"1994-02-30\""));          // line 30
        lines.set(30, lines.get(30).replace("\"-8.4\"", "\"minus eight\""));               // line 31
        lines.set(31, lines.get(31).substring(0, lines.get(31).lastIndexOf(',')));         // line 32
        lines.add(lines.get(39));                                                          // line 392: day 14 again
        Path bad = write("eng-daily-bad.csv", String.join("\n", lines) + "\n");
        ClimateIngest.ClimateReport report = ingest.climate(climateMapping("eccc-daily"), bad);
        IngestReport run = report.runs().get(0);
        assertThat(run.rowsRead()).isEqualTo(366);
        assertThat(run.rowsRejected()).isEqualTo(4);
        assertThat(run.rowsLoaded()).isEqualTo(362);
        assertThat(rejectRules(run.runId())).containsOnly(Map.entry("date_format", 1L), Map.entry("number", 1L),
                Map.entry("column_count", 1L), Map.entry("duplicate", 1L));
        assertThat(store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RULE.eq("duplicate")).fetchOne()
                .getMessage()).contains("line 392", "'1994-01-14' repeats an earlier row");
        var reject = store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RULE.eq("number")).fetchOne();
        assertThat(reject.getLineNumber()).isEqualTo(31);
        assertThat(reject.getMessage()).contains("line 31", "Max Temp", "'minus eight' is not a number");
        // January 1994 lost three days: still complete under the WMO rule (at most 5 missing, 3 in a row)
        assertThat(store.dsl().selectFrom(CLIMATE_MONTHLY).fetch().get(0).getTempDaysObserved()).isEqualTo(28);

        Path gsom = write("gsom.csv", "\"STATION\",\"DATE\",\"PRCP\",\"TAVG\",\"TMAX\",\"TMIN\"\n"
                + "\"S1\",\"2020-01\",\"50.0\",\"-2.0\",\"1.0\",\"-5.0\"\n"
                + "\"S1\",\"2020-13\",\"50.0\",\"-2.0\",\"1.0\",\"-5.0\"\n"
                + "\"S1\",\"2020-01\",\"51.0\",\"-2.0\",\"1.0\",\"-5.0\"\n");
        Path ghcn = write("ghcn-dup.csv", "\"STATION\",\"DATE\",\"PRCP\",\"PRCP_ATTRIBUTES\"\n"
                + "\"S2\",\"2020-01-01\",\"12\",\",,W\"\n"
                + "\"S2\",\"2020-01-01\",\"15\",\",,W\"\n");
        IngestReport daily = ingest.climate(climateMapping("ghcn-daily"), ghcn).runs().get(0);
        assertThat(daily.rowsRead()).isEqualTo(2);
        assertThat(daily.rowsLoaded()).isEqualTo(1);
        assertThat(rejectRules(daily.runId())).containsOnly(Map.entry("duplicate", 1L));

        IngestReport monthly = ingest.climate(climateMapping("gsom"), gsom).runs().get(0);
        assertThat(monthly.rowsRead()).isEqualTo(3);
        assertThat(monthly.rowsLoaded()).isEqualTo(1);
        assertThat(rejectRules(monthly.runId())).containsOnly(Map.entry("date_format", 1L), Map.entry("duplicate", 1L));
    }

    static final String CSV_DAILY = """
            source: c
            kind: climate
            format: { type: csv-daily }
            id: { columns: [STATION] }
            date: { column: DATE, patterns: [yyyy-MM-dd] }
            attributes:
              tMax:       { column: TMAX, unit: degF }
              tMin:       { column: TMIN, unit: degF }
              precip:     { column: PRCP, unit: in, codes: { T: trace, M: missing } }
              precipFlag: { column: PFLAG, codes: { E: estimated, Q: failed_qc } }
            """;

    /** {@link #CSV_DAILY} with {@code from} replaced by {@code to}: refused with a message holding every fragment. */
    private record BadMapping(String from, String to, String... fragments) {
    }

    @Test
    void mappedClimateCsvMappingsThatCannotWorkAreRefusedNamingTheKeyBeforeAnyRowIsRead() {
        Path file = write("daily.csv", "STATION,DATE,TMAX,TMIN,PRCP,PFLAG\nS1,2020-01-01,35,20,0.1,\n");
        List<BadMapping> cases = List.of(
                new BadMapping("unit: degF }\n  tMin", "unit: kelvin }\n  tMin",
                        "attributes.tMax.unit", "unknown unit 'kelvin'", "degF"),
                new BadMapping("[yyyy-MM-dd]", "[\"yyyy-MM-dd'T\"]", "date.patterns[0]", "bad date pattern"),
                new BadMapping("[yyyy-MM-dd]", "[yyyy-MM]", "date.patterns[0]", "does not give a day"),
                new BadMapping("\n  tMin:", "\n  humidity: { column: RH }\n  tMin:", "attributes.humidity",
                        "unknown attribute"),
                new BadMapping("Q: failed_qc", "Q: doubtful", "attributes.precipFlag.codes.Q",
                        "unknown meaning 'doubtful'"),
                new BadMapping("M: missing", "M: estimated", "attributes.precip.codes.M", "only mean missing or trace"),
                new BadMapping("id: { columns: [STATION] }\n", "", "station", "missing"),
                new BadMapping("date: { column: DATE, patterns: [yyyy-MM-dd] }\n", "year: { column: Y }\n",
                        "attributes.month", "missing"),
                new BadMapping("format: { type: csv-daily }", "format: { type: csv-daily, delimiter: \";;\" }",
                        "format.delimiter", "one character"));
        int i = 0;
        for (BadMapping c : cases) {
            String yaml = CSV_DAILY.replace(c.from(), c.to());
            assertThat(yaml).as("case %d changes the mapping", i).isNotEqualTo(CSV_DAILY);
            Path mapping = write("bad-" + i++ + ".yaml", yaml);
            refused(() -> ingest.climate(mapping, file), ErrorCode.INVALID_CONFIGURATION, c.fragments());
        }
        assertThat(store.dsl().fetchCount(INGEST_RUNS)).as("refused before any run started").isZero();

        // a mapped column the file lacks: refused on opening the file, naming the key, before any row
        Path noTmin = write("no-tmin.csv", "STATION,DATE,TMAX,PRCP,PFLAG\nS1,2020-01-01,35,0.1,\n");
        refused(() -> ingest.climate(write("ok.yaml", CSV_DAILY), noTmin), ErrorCode.INVALID_INPUT,
                "attributes.tMin.column", "'TMIN'", "line 1");
        assertThat(store.dsl().fetchCount(INGEST_RUNS, INGEST_RUNS.STATUS.eq("failed"))).isEqualTo(1);
    }

    @Test
    void mappedClimateRowsThatCannotBeReadAreRejectedWithFileLineColumnValueAndReason() throws Exception {
        Path mapping = write("daily.yaml", CSV_DAILY);
        Path file = write("daily.csv", String.join("\n",
                "STATION,DATE,TMAX,TMIN,PRCP,PFLAG",
                "S1,2020-01-01,35.6,21.2,0.1,",        // line 2: 2 degC, -6 degC, 2.54 mm
                "S1,2020-01-02,32,14,T,",               // trace: 0 mm
                "S1,2020-01-03,30,10,M,",               // missing
                "S1,2020-01-04,28,5,0.5,Q",             // failed QC: precipitation dropped
                "S1,2020-01-05,27,4,0.2,E",             // estimated: kept
                "S1,2020-02-30,27,4,0.2,",              // line 7: no 30 February
                "S1,2020-01-07,warm,4,0.2,",            // line 8: not a number
                "S1,2020-01-08,302,4,0.2,",             // line 9: 150 degC, a unit mistake
                ",2020-01-09,27,4,0.2,",                // line 10: no station
                "S1,2020-01-10,27,4,-1,",               // line 11: negative precipitation
                "S1,2020-01-11,27,4",                   // line 12: too few columns
                "S1,2020-01-05,28,5,0.2,") + "\n");    // line 13: 5 January again
        IngestReport run = ingest.climate(mapping, file).runs().get(0);
        assertRows(run, 12, 5, 7);
        assertThat(rejectRules(run.runId())).containsOnly(Map.entry("date_format", 1L), Map.entry("number", 1L),
                Map.entry("value_range", 2L), Map.entry("not_null", 1L), Map.entry("column_count", 1L),
                Map.entry("duplicate", 1L));
        assertThat(store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RULE.eq("duplicate")).fetchOne()
                .getMessage()).contains("line 13", "column 2 (DATE)", "repeats an earlier row of station S1");
        var notNumber = store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RULE.eq("number")).fetchOne();
        assertThat(notNumber.getLineNumber()).isEqualTo(8);
        assertThat(notNumber.getColumnName()).isEqualTo("TMAX");
        assertThat(notNumber.getRawValue()).isEqualTo("warm");
        assertThat(notNumber.getMessage()).contains(file.toString(), "line 8", "column 3 (TMAX)",
                "'warm' is not a number (degF)");
        var hot = store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.LINE_NUMBER.eq(9L)).fetchOne();
        assertThat(hot.getMessage()).contains("150.0 degC", "is the unit right?");
        var days = store.dsl().selectFrom(CLIMATE_DAILY).orderBy(CLIMATE_DAILY.OBS_DATE).fetch();
        assertThat(days).hasSize(5);
        assertThat(days.get(0).getTMax()).isEqualTo(2.0);
        assertThat(days.get(0).getTMin()).isEqualTo(-6.0);
        assertThat(days.get(0).getPrecipMm()).isEqualTo(2.54);
        assertThat(days.get(1).getPrecipMm()).isEqualTo(0.0);
        assertThat(days.get(1).getFlags()).isEqualTo("trace");
        assertThat(days.get(2).getPrecipMm()).isNull();
        assertThat(days.get(2).getFlags()).isEqualTo("missing_flag");
        assertThat(days.get(3).getPrecipMm()).isNull();
        assertThat(days.get(3).getFlags()).isEqualTo("failed_qc");
        assertThat(days.get(4).getPrecipMm()).isEqualTo(5.08);
        assertThat(days.get(4).getFlags()).isEqualTo("estimated");

        Path monthlyMapping = write("monthly.yaml", """
                source: m
                kind: climate
                format: { type: csv-monthly, delimiter: ";" }
                station: S2
                year: { column: Y }
                attributes:
                  month:  { column: M }
                  tMean:  { column: T }
                  precip: { column: P, unit: tenths-mm }
                  precipMissingDays: { column: PMISS }
                """);
        Path monthly = write("monthly.csv", "Y;M;T;P;PMISS\n2020;1;-3.5;512;0\n2020;13;-3.5;512;0\n"
                + "2020;2;-1.0;400;many\n2020;3;2.0;300;9\n");
        IngestReport months = ingest.climate(monthlyMapping, monthly).runs().get(0);
        assertThat(months.rowsRead()).isEqualTo(4);
        assertThat(months.rowsLoaded()).isEqualTo(2);
        assertThat(rejectRules(months.runId())).containsOnly(Map.entry("date_format", 1L), Map.entry("number", 1L));
        var rows = store.dsl().selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.eq("S2"))
                .orderBy(CLIMATE_MONTHLY.MONTH_START).fetch();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getPrecipMm()).isEqualTo(51.2);
        assertThat(rows.get(0).getPrecipComplete()).isTrue();
        assertThat(rows.get(1).getPrecipMm()).as("9 days missing: incomplete, left null").isNull();
        assertThat(rows.get(1).getPrecipDaysObserved()).isEqualTo(22);

        Path headerOnly = write("header-only.csv", "Y;M;T;P;PMISS\n");
        refused(() -> ingest.climate(monthlyMapping, headerOnly), ErrorCode.INVALID_INPUT,
                "no data rows");
        Path empty = write("empty.csv", "");
        refused(() -> ingest.climate(monthlyMapping, empty), ErrorCode.INVALID_INPUT, empty.toString(),
                "empty");
        Path unbalanced = write("unbalanced.csv", "Y;M;T;P;PMISS\n2020;4;\"8.0;300;0\n2020;5;12.0;300;0\n");
        refused(() -> ingest.climate(monthlyMapping, unbalanced), ErrorCode.INVALID_INPUT, "line 2",
                "unbalanced quote");

        // bytes that are not UTF-8 (a Latin-1 degree sign): that row is rejected naming the column, the rest loads
        byte[] latin1 = "STATION,DATE,TMAX,TMIN,PRCP,PFLAG\nS3,2020-01-01,35,20,0.1,\nS3\u00b0,2020-01-02,35,20,0.1,\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path wrongEncoding = dir.resolve("latin1-daily.csv");
        Files.write(wrongEncoding, latin1);
        IngestReport encodingRun = ingest.climate(mapping, wrongEncoding).runs().get(0);
        assertThat(encodingRun.rowsLoaded()).isEqualTo(1);
        assertThat(rejectRules(encodingRun.runId())).containsOnly(Map.entry("encoding_valid", 1L));
        assertThat(store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RUN_ID.eq(encodingRun.runId()))
                .fetchOne().getMessage()).contains("line 3", "column 1 (STATION)", "not valid UTF-8");
    }

    @Test
    void aFolderStopsAtItsFirstUnreadableFileWithEveryEarlierFileWholeAndResumesOnceItIsFixed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("yearly"));
        Files.copy(ECCC_1994, folder.resolve("eng-daily-1994.csv"));
        Path bad = write("yearly/eng-daily-1995.csv", "");
        Files.copy(Path.of("../sample-data/toronto/eccc-daily-6158350/eng-daily-01011996-12311996.csv"),
                folder.resolve("eng-daily-1996.csv"));
        Path mapping = climateMapping("eccc-daily");
        assertThatThrownBy(() -> ingest.climate(mapping, folder))
                .isInstanceOf(BreakwaterException.class).hasMessageContaining(bad.toString());
        // 1994 is loaded whole (its own run), 1995 failed and wrote nothing, 1996 was not started
        assertThat(store.dsl().fetchCount(CLIMATE_DAILY)).isEqualTo(365);
        assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY)).isEqualTo(12);
        assertThat(store.dsl().select(INGEST_RUNS.STATUS).from(INGEST_RUNS).orderBy(INGEST_RUNS.RUN_ID)
                .fetch(INGEST_RUNS.STATUS)).containsExactly("succeeded", "failed");

        Files.copy(Path.of("../sample-data/toronto/eccc-daily-6158350/eng-daily-01011995-12311995.csv"), bad,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ClimateIngest.ClimateReport resumed = ingest.climate(mapping, folder);
        assertThat(resumed.runs()).extracting(IngestReport::status).containsExactly("unchanged", "succeeded",
                "succeeded");
        assertThat(resumed.months()).isEqualTo(36);
    }

    static final String SOIL_MAPPING = EnvFixtures.soilMapping("s");

    static String zone(String id, String corrosivity, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"zone_id\":" + (id == null ? "null" : "\"" + id + "\"")
                + ",\"soil_type\":\"clay\",\"corrosivity\":\"" + corrosivity + "\",\"shrink_swell\":0.5},"
                + "\"geometry\":" + geometry + "}";
    }

    @Test
    void soilPolygonsAreRepairedWhenSafeAndFlaggedOtherwiseRejectedWithTheJtsReason() {
        Path mapping = write("soil.yaml", SOIL_MAPPING);
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[-79.4,43.7],[-79.3,43.7],[-79.3,43.8],[-79.4,43.8],[-79.4,43.7]]]}";
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[-79.4,43.6],[-79.3,43.7],[-79.3,43.6],[-79.4,43.7],[-79.4,43.6]]]}";
        String unclosed = "{\"type\":\"Polygon\",\"coordinates\":[[[-79.2,43.7],[-79.1,43.7],[-79.1,43.8],[-79.2,43.8]]]}";
        String flat = "{\"type\":\"Polygon\",\"coordinates\":[[[-79.4,43.5],[-79.3,43.5],[-79.2,43.5],[-79.4,43.5]]]}";
        String point = "{\"type\":\"Point\",\"coordinates\":[-79.4,43.5]}";
        Path file = write("soil.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + String.join(",\n", zone("Z1", "high", square), zone("Z2", "0.2", bowtie), zone("Z3", "low", unclosed),
                        zone("Z4", "low", flat), zone("Z5", "low", point), zone("Z1", "low", square),
                        zone("Z6", "extreme", square), zone(null, "low", square)) + "\n]}\n");
        IngestReport report = ingest.soil(mapping, file);
        assertRows(report, 8, 3, 5);
        assertThat(report.rowsFlagged()).isEqualTo(2);
        assertThat(rejectRules(report.runId())).containsOnly(Map.entry("soil_polygon_usable", 2L),
                Map.entry("soil_zone_id_unique", 1L), Map.entry("soil_attribute_values", 1L),
                Map.entry("soil_zone_id_not_null", 1L));
        var zones = store.dsl().selectFrom(SOIL_ZONES).orderBy(SOIL_ZONES.ZONE_ID).fetch();
        assertThat(zones).extracting(r -> r.getZoneId()).containsExactly("Z1", "Z2", "Z3");
        assertThat(zones.get(0).getFlags()).isNull();
        assertThat(zones.get(0).getCorrosivityIndex()).isEqualTo(0.625);
        assertThat(zones.get(0).getCorrosivityClass()).isEqualTo("high");
        assertThat(zones.get(1).getFlags()).contains("repaired_self_intersection");
        assertThat(zones.get(1).getGeometryWkt()).startsWith("MULTIPOLYGON");
        assertThat(zones.get(1).getCorrosivityClass()).isEqualTo("low");
        assertThat(zones.get(2).getFlags()).contains("repaired_unclosed_ring");
        assertThat(zones.get(0).getIsSynthetic()).isFalse();
        var flatReject = store.dsl().selectFrom(REJECTED_ROWS).where(REJECTED_ROWS.RUN_ID.eq(report.runId()),
                REJECTED_ROWS.LINE_NUMBER.eq(4L)).fetchOne();
        assertThat(flatReject.getMessage()).contains("Z4").contains("cannot be repaired");

        Path notCollection = write("feature.geojson", "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}");
        refused(() -> ingest.soil(mapping, notCollection), ErrorCode.INVALID_INPUT,
                notCollection.toString());
    }

    static final String SOIL_TABLE_MAPPING = """
            source: soil-table
            kind: soil
            format: { type: csv }
            id: { columns: [AREA] }
            attributes:
              soilType:    { column: SOIL }
              corrosivity: { column: CORROSIVITY }
            """;

    @Test
    void soilTablesKeyedByAreaThatCannotWorkAreRefusedAndLeaveTheStoreAsItWas() {
        Path mapping = write("soil-table.yaml", SOIL_TABLE_MAPPING);
        Path table = write("soil-table.csv", "AREA,SOIL,CORROSIVITY\nA,clay,high\n");
        // no areas loaded yet: the codes cannot be checked
        refused(() -> ingest.soil(mapping, table), ErrorCode.INVALID_CONFIGURATION,
                "area set", "ingest them first");
        Path areas = write("areas.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[-79.4,43.7],[-79.3,43.7],[-79.3,43.8],[-79.4,43.8],[-79.4,43.7]]]}}]}");
        ingest.areas(write("areas.yaml", "source: districts\nkind: areas\nformat: { type: geojson }\n"
                + "id: { columns: [code] }\n"), areas);
        refused(() -> ingest.soil(mapping, table, "wards"), ErrorCode.INVALID_CONFIGURATION,
                "area set 'wards' has no areas");
        Path noCorrosivity = write("no-corrosivity.csv", "AREA,SOIL\nA,clay\n");
        refused(() -> ingest.soil(mapping, noCorrosivity), ErrorCode.INVALID_INPUT,
                "attributes.corrosivity.column", "'CORROSIVITY'");
        Path headerOnly = write("header-only.csv", "AREA,SOIL,CORROSIVITY\n");
        refused(() -> ingest.soil(mapping, headerOnly), ErrorCode.INVALID_INPUT, "no data rows");
        Path unbalanced = write("unbalanced.csv", "AREA,SOIL,CORROSIVITY\nA,\"clay,high\nB,sand,low\n");
        refused(() -> ingest.soil(mapping, unbalanced), ErrorCode.INVALID_INPUT, "line 2",
                "unbalanced quote");
        refused(() -> ingest.soil(write("crs.yaml", SOIL_TABLE_MAPPING + "crs: \"EPSG:2019\"\n"),
                table), ErrorCode.INVALID_CONFIGURATION, "crs", "no geometry");
        refused(() -> ingest.soil(write("two-ids.yaml", SOIL_TABLE_MAPPING.replace("[AREA]",
                "[AREA, SOIL]")), table), ErrorCode.INVALID_CONFIGURATION, "id.columns", "the area code");
        refused(() -> ingest.soil(write("ph.yaml", SOIL_TABLE_MAPPING.replace("  soilType:",
                "  ph: { column: PH }\n  soilType:")), table), ErrorCode.INVALID_CONFIGURATION, "attributes.ph");
        assertThat(store.dsl().fetchCount(SOIL_ZONES)).isZero();
        // the mapping that names a column the file lacks is refused before its run opens: no failed run for it
        assertThat(store.dsl().fetchCount(INGEST_RUNS, INGEST_RUNS.STATUS.eq("failed"))).isEqualTo(4);

        // and when it works: one zone with the area's polygon; a row with bytes invalid in UTF-8 is rejected
        Path latin1 = dir.resolve("latin1-soil.csv");
        try {
            Files.write(latin1, "AREA,SOIL,CORROSIVITY\nA,clay,high\nA,argile \u00e0 silex,low\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IngestReport ok = ingest.soil(mapping, latin1);
        assertThat(ok.rowsLoaded()).isEqualTo(1);
        assertThat(rejectRules(ok.runId())).containsOnly(Map.entry("encoding_valid", 1L));
        assertThat(store.dsl().selectFrom(SOIL_ZONES).fetchOne().getZoneId()).isEqualTo("soil-table:A");
    }

    @Test
    void pipeInventoriesWithBadRowsRejectThemAndBadMappingsAreRefusedBeforeAnyRow() {
        Path mapping = pipesMapping("pipes-small.yaml", "geojson", """
                  material: { column: MATERIAL, codes: { CI: cast_iron, DI: ductile_iron, PVC: pvc } }
                  diameter: { column: DIAM_IN, unit: in }
                """);
        String line = "{\"type\":\"LineString\",\"coordinates\":[[-79.4,43.7],[-79.39,43.7]]}";
        String far = "{\"type\":\"LineString\",\"coordinates\":[[-79.4,43.7],[200.0,43.7]]}";
        String pt = "{\"type\":\"Point\",\"coordinates\":[-79.4,43.7]}";
        Function<String, String> f = props -> "{\"type\":\"Feature\",\"properties\":{" + props + "},\"geometry\":";
        Path file = write("pipes.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + f.apply("\"PIPE_ID\":\"A\",\"MATERIAL\":\"CI\",\"DIAM_IN\":8") + line + "},\n"
                + f.apply("\"PIPE_ID\":\"B\",\"MATERIAL\":\"WOOD\",\"DIAM_IN\":8") + line + "},\n"
                + f.apply("\"PIPE_ID\":\"C\",\"MATERIAL\":\"DI\",\"DIAM_IN\":\"eight\"") + line + "},\n"
                + f.apply("\"PIPE_ID\":\"A\",\"MATERIAL\":\"DI\",\"DIAM_IN\":8") + line + "},\n"
                + f.apply("\"PIPE_ID\":\"\",\"MATERIAL\":\"DI\",\"DIAM_IN\":8") + line + "},\n"
                + f.apply("\"PIPE_ID\":\"E\",\"MATERIAL\":\"DI\",\"DIAM_IN\":8") + far + "},\n"
                + f.apply("\"PIPE_ID\":\"F\",\"MATERIAL\":\"DI\",\"DIAM_IN\":8") + pt + "},\n"
                + f.apply("\"PIPE_ID\":\"G\",\"MATERIAL\":\"PVC\",\"DIAM_IN\":8") + "null}\n]}\n");
        IngestReport report = ingest.pipes(mapping, file);
        assertRows(report, 8, 3, 5);
        assertThat(rejectRules(report.runId())).containsOnly(Map.entry("pipe_numbers_parse", 1L),
                Map.entry("pipe_id_unique", 1L), Map.entry("pipe_id_not_null", 1L), Map.entry("pipe_geometry_line", 2L));
        var b = store.dsl().selectFrom(PIPES).where(PIPES.PIPE_ID.eq("B")).fetchOne();
        assertThat(b.getMaterial()).isEqualTo("unknown");
        assertThat(b.getMaterialRaw()).isEqualTo("WOOD");
        assertThat(b.getFlags()).contains("pipe_material_known");
        assertThat(store.dsl().selectFrom(PIPES).where(PIPES.PIPE_ID.eq("G")).fetchOne().getFlags())
                .contains("pipe_has_geometry");

        Path csv = write("pipes.csv", "PIPE_ID,MAT,LENGTH_M\nA,CI,10\n");
        Path csvMapping = pipesMapping("pipes-csv.yaml", "csv", """
                  material: { column: MATERIAL }
                  length:   { column: LENGTH_M }
                """);
        refused(() -> ingest.pipes(csvMapping, csv), ErrorCode.INVALID_INPUT,
                "attributes.material.column", "MATERIAL");

        Path badCodes = pipesMapping("pipes-bad-codes.yaml", "geojson", """
                  material: { column: MATERIAL, codes: { PL: plastic } }
                """);
        refused(() -> ingest.pipes(badCodes, file), ErrorCode.INVALID_CONFIGURATION,
                "attributes.material.codes.PL", "plastic");
    }

    /** A pipe mapping {@code name} keyed by {@code PIPE_ID}, of {@code format}, with these attribute lines. */
    private Path pipesMapping(String name, String format, String attributes) {
        return write(name, "source: test-pipes\nkind: pipes\nformat: { type: " + format + " }\n"
                + "id: { columns: [PIPE_ID] }\nattributes:\n" + attributes);
    }
}
