package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static io.breakwater.etl.testing.IngestAssertions.assertRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs, rejects, idempotence and incremental loads on small files, on DuckDB and SQLite. */
class BreakIngestTests {
    @TempDir
    Path dir;

    private Ingest ingest(BreakwaterStore store) {
        return Ingest.into(store).withClock(EtlTesting.CLOCK);
    }

    private Path mapping() {
        return EtlTesting.write(dir, "mapping.yaml", EtlTesting.SMALL_MAPPING);
    }

    /** Ingesting must throw an INVALID_INPUT naming the file, leave no break, and log a failed run. */
    private void assertRefused(TestStores.Kind kind, Path file, String... messageParts) {
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            assertThatThrownBy(() -> ingest(store).breaks(mapping(), file)).isInstanceOf(BreakwaterException.class)
                    .satisfies(e -> {
                        assertThat(((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains(file.toString()).contains(messageParts).doesNotContain("\n");
                    });
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isZero();
            Record run = store.dsl().selectFrom(INGEST_RUNS).fetchSingle();
            assertThat(run.get(INGEST_RUNS.STATUS)).isEqualTo("failed");
            assertThat(run.get(INGEST_RUNS.ERROR_MESSAGE)).contains(messageParts);
        }
    }

    @EachStoreKind
    void unbalancedQuotesAreAnErrorNamingLineAndColumn(TestStores.Kind kind) {
        List<String> rows = new ArrayList<>(EtlTesting.ROWS);
        rows.set(2, "\"20001211,2000,3.15892418000e+005,4.84021543100e+006,-7.93621781550e+001,4.37038136008e+001");
        assertRefused(kind, EtlTesting.csv(dir, "quotes.csv", rows), "line 4 column 1: unbalanced quote");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertRefused(TestStores.Kind.DUCKDB, EtlTesting.write(dir, "empty.csv", ""), "line 1: the file is empty");
    }

    @Test
    void aHeaderOnlyFileIsAnError() {
        assertRefused(TestStores.Kind.DUCKDB, EtlTesting.write(dir, "header.csv", EtlTesting.HEADER),
                "the file has a header but no records");
    }

    /** A mapping that does not fit its file is refused before the run opens: no failed run is logged for it. */
    @Test
    void aMissingRequiredColumnIsAnErrorNamingColumnAndMappingKey() {
        Path file = EtlTesting.write(dir, "nocol.csv", "BREAK_DATE,BREAK_YEAR,XCOORD,POINT_X,POINT_Y\n19911220,1991,1,2,3\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            assertThatThrownBy(() -> ingest(store).breaks(mapping(), file)).isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("line 1: column 'YCOORD' named by mapping key id.columns[2] is not in the header");
            assertThat(store.dsl().fetchCount(INGEST_RUNS)).isZero();
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isZero();
        }
    }

    /** A break mapping of GeoJSON points keyed by property {@code id}, dated by property {@code d}. */
    private Path geoJsonMapping() {
        return EtlTesting.write(dir, "geo.yaml", """
                source: geo
                kind: breaks
                format: { type: geojson }
                id: { columns: [id] }
                date: { column: d, patterns: [yyyy-MM-dd] }
                """);
    }

    @Test
    void aGeoJsonThatIsNotAFeatureCollectionIsAnError() {
        Path file = EtlTesting.write(dir, "feature.geojson", """
                {"type": "Feature", "properties": {"id": "A1", "d": "2001-01-01"},
                 "geometry": {"type": "Point", "coordinates": [-79.4, 43.7]}}
                """);
        Path m = geoJsonMapping();
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            assertThatThrownBy(() -> ingest(store).breaks(m, file))
                    .hasMessageContaining(file + " line 1 column 10: expected a GeoJSON FeatureCollection, found type 'Feature'");
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isZero();
        }
    }

    @Test
    void geoJsonPointsAreReadAsBreaks() {
        Path file = EtlTesting.write(dir, "breaks.geojson", """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"id": "A1", "d": "2001-01-01"}, "geometry": {"type": "Point", "coordinates": [-79.4, 43.7]}},
                 {"type": "Feature", "properties": {"id": "A2", "d": "2001-01-02"}, "geometry": null}
                ]}
                """);
        Path m = geoJsonMapping();
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport r = ingest(store).breaks(m, file);
            assertThat(r.rowsLoaded()).isEqualTo(1);
            assertThat(r.rowsRejected()).isEqualTo(1);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.LON).from(PIPE_BREAKS_CLEAN).fetchSingle())
                    .satisfies(rec -> {
                        assertThat(rec.value1()).isEqualTo("geo:A1");
                        assertThat(rec.value2()).isEqualTo(-79.4);
                    });
            assertThat(store.dsl().select(REJECTED_ROWS.LINE_NUMBER, REJECTED_ROWS.RULE).from(REJECTED_ROWS).fetchSingle().value2())
                    .isEqualTo("coordinates_not_null");
        }
    }

    @EachStoreKind
    void badRowsAreRejectedWithLineRuleAndMessageAndTheRestLoads(TestStores.Kind kind) {
        List<String> rows = new ArrayList<>(EtlTesting.ROWS);
        rows.add("19990931,1999,3.1e+005,4.84e+006,-79.4,43.7");                 // line 10: no such date
        rows.add("19990101,1999,NaN,NaN,,");                                     // line 11: NaN coordinates
        rows.add("19990102,1999,3.1e+005,4.84e+006");                            // line 12: 4 fields
        rows.add("19990103,1999,9.9e+009,9.9e+009,-1.0e+001,5.0e+001");          // line 13: far away
        rows.add("not-a-date,1999,3.1e+005,4.84e+006,-79.4,43.7");               // line 14
        rows.add(EtlTesting.ROWS.get(0));                                        // line 15: exact duplicate, flagged
        Path file = EtlTesting.csv(dir, "mixed.csv", rows);
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            IngestReport r = ingest(store).breaks(mapping(), file);
            assertRows(r, 14, 9, 5);
            assertThat(r.rowsLoaded() + r.rowsRejected()).isEqualTo(r.rowsRead());
            List<String> rules = store.dsl().select(REJECTED_ROWS.LINE_NUMBER, REJECTED_ROWS.RULE).from(REJECTED_ROWS)
                    .orderBy(REJECTED_ROWS.LINE_NUMBER).fetch(rec -> rec.value1() + ":" + rec.value2());
            assertThat(rules).containsExactly("10:date_parses", "11:coordinates_valid", "12:record_complete",
                    "13:inside_service_area", "14:date_parses");
            String message = store.dsl().select(REJECTED_ROWS.MESSAGE).from(REJECTED_ROWS)
                    .where(REJECTED_ROWS.LINE_NUMBER.eq(10L)).fetchSingle().value1();
            assertThat(message).isEqualTo("line 10 column BREAK_DATE: '19990931' matches none of the patterns [yyyyMMdd, yyyy-MM-dd]");
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID, PIPE_BREAKS_CLEAN.FLAGS).from(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.SOURCE_LINE.eq(15L)).fetchSingle())
                    .satisfies(rec -> {
                        assertThat(rec.value1()).isEqualTo("19911220|315377.765|4840872.395#2");
                        assertThat(rec.value2()).isEqualTo("unique_id");
                    });
        }
    }

    @Test
    void bytesInTheWrongEncodingAreRejectedNamingTheColumn() {
        byte[] latin1 = (EtlTesting.HEADER.replace("\n", ",ADDRESS\n") + EtlTesting.ROWS.get(0) + ",1 Main St\n"
                + EtlTesting.ROWS.get(1) + ",12 Rue de l'\u00c9glise\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = EtlTesting.write(dir, "latin1.csv", latin1);
        Path m = EtlTesting.write(dir, "enc.yaml", EtlTesting.SMALL_MAPPING + "attributes:\n  address: { column: ADDRESS }\n");
        assertThat(oneReject(m, file, 1, "encoding_valid", 3))
                .isEqualTo("line 3 column ADDRESS: bytes not valid in UTF-8");
        Path latin = EtlTesting.write(dir, "enc2.yaml", EtlTesting.SMALL_MAPPING.replace("type: csv", "type: csv, encoding: ISO-8859-1")
                + "attributes:\n  address: { column: ADDRESS }\n");
        try (BreakwaterStore store = BreakwaterStore.open(TestStores.Kind.DUCKDB.location(dir, "latin"))) {
            IngestReport r = ingest(store).breaks(latin, file);
            assertThat(r.rowsLoaded()).isEqualTo(2);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.ADDRESS).from(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.SOURCE_LINE.eq(3L)).fetchSingle().value1()).isEqualTo("12 Rue de l'\u00c9glise");
        }
    }

    @Test
    void duplicateRealIdsAreRejected() {
        Path m = EtlTesting.write(dir, "id.yaml", EtlTesting.SMALL_MAPPING.replace("columns: [BREAK_DATE, XCOORD, YCOORD]", "columns: [ID]"));
        Path file = EtlTesting.write(dir, "ids.csv", EtlTesting.HEADER.replace("\n", ",ID\n") + EtlTesting.ROWS.get(0)
                + ",W-1\n" + EtlTesting.ROWS.get(1) + ",W-2\n" + EtlTesting.ROWS.get(2) + ",W-1\n");
        assertThat(oneReject(m, file, 2, "unique_id", 4)).contains("id W-1 occurs again");
    }

    /**
     * Ingests {@code file} through {@code mapping} into a new DuckDB store, expects {@code loaded} rows loaded and one
     * row rejected by {@code rule} at {@code line}, and returns that rejection's message.
     */
    private String oneReject(Path mapping, Path file, int loaded, String rule, int line) {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport r = ingest(store).breaks(mapping, file);
            assertThat(r.rowsLoaded()).isEqualTo(loaded);
            assertThat(r.sampleRejects()).singleElement().satisfies(rej -> {
                assertThat(rej.rule()).isEqualTo(rule);
                assertThat(rej.line()).isEqualTo(line);
            });
            return r.sampleRejects().get(0).message();
        }
    }

    @EachStoreKind
    void reIngestAddsNothingANewerExportAddsAndUpdatesAndFullRefreshDeletes(TestStores.Kind kind) {
        Path first = EtlTesting.csv(dir, "first.csv", EtlTesting.ROWS.subList(0, 5));
        List<String> newer = new ArrayList<>(EtlTesting.ROWS.subList(2, 8));
        newer.set(1, newer.get(1).replace(",1992,", ",1993,"));   // row 4 changes: its stated year now contradicts
        Path second = EtlTesting.csv(dir, "second.csv", newer);
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            Ingest ingest = ingest(store);
            IngestReport a = ingest.breaks(mapping(), first);
            assertThat(a.counts()).isEqualTo(new LoadCounts(5, 0, 0, 0));
            assertThat(a.status()).isEqualTo("succeeded");

            IngestReport again = ingest.breaks(mapping(), first);
            assertThat(again.counts()).isEqualTo(new LoadCounts(0, 0, 5, 0));
            assertThat(again.status()).isEqualTo("unchanged");
            assertThat(again.sameInputAsRun()).isEqualTo(a.runId());
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo(5);

            IngestReport b = ingest.breaks(mapping(), second);
            assertThat(b.counts()).isEqualTo(new LoadCounts(3, 1, 2, 0));
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo(8);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.FLAGS, PIPE_BREAKS_CLEAN.RUN_ID).from(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.BREAK_DATE.eq(java.time.LocalDate.of(1992, 3, 16))).fetchSingle())
                    .satisfies(rec -> {
                        assertThat(rec.value1()).isEqualTo("year_matches_date");
                        assertThat(rec.value2()).isEqualTo(b.runId());
                    });

            IngestReport c = ingest.withMode(LoadMode.FULL_REFRESH).breaks(mapping(), first);
            assertThat(c.counts()).isEqualTo(new LoadCounts(0, 1, 4, 3));
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo(5);
            assertThat(store.dsl().select(INGEST_RUNS.LOAD_MODE).from(INGEST_RUNS).where(INGEST_RUNS.RUN_ID.eq(c.runId()))
                    .fetchSingle().value1()).isEqualTo("full_refresh");
        }
    }

    @EachStoreKind
    void aFailedQualityGateLoadsNothingAndLogsTheFailedRunWithItsChecks(TestStores.Kind kind) {
        List<String> rows = new ArrayList<>(EtlTesting.ROWS.subList(0, 2));
        for (int i = 0; i < 5; i++) {
            rows.add("2001-02-3" + i + ",2001,3.1e+005,4.84e+006,-79.4,43.7");
        }
        Path file = EtlTesting.csv(dir, "bad.csv", rows);
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            assertThatThrownBy(() -> ingest(store).breaks(mapping(), file))
                    .isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining("quality gate failed, nothing was loaded: accepted_share: 5 of 7 rows")
                    .satisfies(e -> assertThat(((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.QUALITY_GATE_FAILED));
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isZero();
            // the failed run keeps why its rows were rejected, and its log row gives every figure
            assertThat(store.dsl().fetchCount(REJECTED_ROWS)).isEqualTo(5);
            Record run = store.dsl().selectFrom(INGEST_RUNS).fetchSingle();
            assertThat(run.get(INGEST_RUNS.STATUS)).isEqualTo("failed");
            assertThat(run.get(INGEST_RUNS.ROWS_READ)).isEqualTo(7L);
            assertThat(run.get(INGEST_RUNS.ROWS_LOADED)).isZero();
            assertThat(run.get(INGEST_RUNS.ROWS_REJECTED)).isEqualTo(5L);
            assertThat(run.get(INGEST_RUNS.ERROR_MESSAGE)).endsWith("(read 7: rejected 5, filtered 0, accepted but not "
                    + "loaded because the run failed 2)");
            assertThat(store.dsl().fetchValue("select status from dq_results where check_name = 'accepted_share'"))
                    .isEqualTo("failed");
            assertThat(store.dsl().meta().getTables().stream().map(t -> t.getName().toLowerCase()))
                    .noneMatch(n -> n.startsWith("bw_stage"));
        }
    }

    @Test
    void aMappingCanRaiseASeverity() {
        List<String> rows = new ArrayList<>(EtlTesting.ROWS);
        rows.set(7, rows.get(7).replace(",1998,", ",1997,"));
        Path m = EtlTesting.write(dir, "strict.yaml", EtlTesting.SMALL_MAPPING
                + "checks:\n  year_matches_date: { severity: reject_row }\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport r = ingest(store).breaks(m, EtlTesting.csv(dir, "y.csv", rows));
            assertThat(r.rowsRejected()).isEqualTo(1);
            assertThat(r.sampleRejects().get(0).message()).isEqualTo("line 9: stated year 1997 contradicts the date 1998-04-04");
        }
        Path typo = EtlTesting.write(dir, "typo.yaml", EtlTesting.SMALL_MAPPING + "checks:\n  year_match: { severity: reject_row }\n");
        try (BreakwaterStore store = BreakwaterStore.open(TestStores.Kind.DUCKDB.location(dir, "typo"))) {
            assertThatThrownBy(() -> ingest(store).breaks(typo, EtlTesting.csv(dir, "y2.csv", rows)))
                    .hasMessageContaining("checks.year_match: unknown check");
        }
    }
}
