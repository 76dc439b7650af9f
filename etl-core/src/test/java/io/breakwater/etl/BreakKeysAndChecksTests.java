package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Natural keys, dates and check overrides of the break ingest, at their edges. */
class BreakKeysAndChecksTests {
    private static final String BY_ASSET = EtlTesting.SMALL_MAPPING
            .replace("columns: [BREAK_DATE, XCOORD, YCOORD]", "columns: [BREAK_DATE, ASSET]")
            + "attributes:\n  address: { column: ADDR }\n";
    @TempDir
    Path dir;

    private static Ingest ingest(BreakwaterStore store) {
        return Ingest.into(store).withClock(EtlTesting.CLOCK);
    }

    @Test
    void aRejectCheckLoweredToAFlagKeepsItsRowsAndEveryRowIsLoadedOrRejected() {
        List<String> rows = new ArrayList<>(EtlTesting.ROWS);
        rows.add(EtlTesting.row("19990103", 250000, 4840000)); // about 70 km west of the service area
        Path mapping = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING
                + "checks:\n  inside_service_area: { severity: flag_row }\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport report = ingest(store).breaks(mapping, EtlTesting.csv(dir, "b.csv", rows));
            assertThat(report.rowsRead()).isEqualTo(9);
            assertThat(report.rowsLoaded()).isEqualTo(9);
            assertThat(report.rowsRejected()).isZero();
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo(9);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.FLAGS).from(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.SOURCE_LINE.eq(10L)).fetchSingle().value1()).contains("inside_service_area");
        }
    }

    @Test
    void aCheckThatKeepsUnstorableRowsOutCannotBeLowered() {
        Path mapping = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING
                + "checks:\n  date_parses: { severity: warn_run, threshold: 0.5 }\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            assertThatThrownBy(() -> ingest(store).breaks(mapping, EtlTesting.csv(dir, "b.csv", EtlTesting.ROWS)))
                    .isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining("checks.date_parses.severity")
                    .hasMessageContaining("must stay reject_row");
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isZero();
        }
    }

    /** A literal key that reads like a repeat's key ({@code W123#2}) or moves a separator stays its own record. */
    @EachStoreKind
    void keysThatOnlyEscapingTellsApartStayApartOnAFirstLoadAndOnAMerge(TestStores.Kind kind) {
        Path mapping = EtlTesting.write(dir, "m.yaml", BY_ASSET);
        String header = EtlTesting.HEADER.replace("\n", ",ASSET,ADDR\n");
        String a = EtlTesting.ROWS.get(4);
        String b = EtlTesting.ROWS.get(5);
        String file = header + a + ",W123,first\n" + a + ",W123,second\n" + a + ",W123#2,third\n"
                + b + ",x|y,fourth\n" + b + ",x\\|y,fifth\n";
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            IngestReport first = ingest(store).breaks(mapping, EtlTesting.write(dir, "a.csv", file));
            assertThat(first.rowsLoaded()).isEqualTo(5);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.ADDRESS).from(PIPE_BREAKS_CLEAN)
                    .orderBy(PIPE_BREAKS_CLEAN.SOURCE_LINE).fetch(PIPE_BREAKS_CLEAN.ADDRESS))
                    .containsExactly("first", "second", "third", "fourth", "fifth");
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID).from(PIPE_BREAKS_CLEAN)
                    .orderBy(PIPE_BREAKS_CLEAN.SOURCE_LINE).fetch(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID))
                    .containsExactly("19950101|W123", "19950101|W123#2", "19950101|W123\\#2", "19960202|x\\|y",
                            "19960202|x\\\\\\|y");

            // a newer export, merged by key: the same five and one more
            IngestReport newer = ingest(store).breaks(mapping, EtlTesting.write(dir, "b.csv",
                    file + EtlTesting.ROWS.get(6) + ",W9,sixth\n"));
            assertThat(newer.counts().inserted()).isEqualTo(1);
            assertThat(newer.counts().unchanged()).isEqualTo(5);
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo(6);
        }
    }

    @Test
    void idsAreTextUnlessTheyAreCoordinates() {
        Path mapping = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING
                .replace("columns: [BREAK_DATE, XCOORD, YCOORD]", "columns: [ID]"));
        Path file = EtlTesting.write(dir, "b.csv", EtlTesting.HEADER.replace("\n", ",ID\n")
                + EtlTesting.ROWS.get(0) + ",0123\n" + EtlTesting.ROWS.get(1) + ",123\n"
                + EtlTesting.ROWS.get(2) + ",2016.10\n" + EtlTesting.ROWS.get(3) + ",2016.1\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport report = ingest(store).breaks(mapping, file);
            assertThat(report.rowsLoaded()).isEqualTo(4);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID).from(PIPE_BREAKS_CLEAN)
                    .orderBy(PIPE_BREAKS_CLEAN.SOURCE_LINE).fetch(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID))
                    .containsExactly("0123", "123", "2016.10", "2016.1");
        }
    }

    @Test
    void aTimestampWithAnOffsetKeepsItsDateAsWrittenUnlessTheMappingNamesAZone() throws Exception {
        String row = EtlTesting.ROWS.get(4).replace("19950101,1995,", "2016-12-31T23:30:00-05:00,2016,");
        Path file = EtlTesting.write(dir, "b.csv", EtlTesting.HEADER + row + "\n");
        String offsetPattern = "patterns: [\"yyyy-MM-dd'T'HH:mm:ssXXX\"]";
        Path asWritten = EtlTesting.write(dir, "m1.yaml", EtlTesting.SMALL_MAPPING
                .replace("patterns: [yyyyMMdd, yyyy-MM-dd]", offsetPattern));
        Path inUtc = EtlTesting.write(dir, "m2.yaml", EtlTesting.SMALL_MAPPING
                .replace("patterns: [yyyyMMdd, yyyy-MM-dd]", offsetPattern + ", zone: UTC"));
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            ingest(store).breaks(asWritten, file);
            var stored = store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_DATE, PIPE_BREAKS_CLEAN.FLAGS)
                    .from(PIPE_BREAKS_CLEAN).fetchSingle();
            assertThat(stored.value1()).isEqualTo(LocalDate.of(2016, 12, 31));
            assertThat(stored.value2()).as("the stated year agrees").isNull();
        }
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, java.nio.file.Files.createDirectories(dir.resolve("utc")))) {
            ingest(store).breaks(inUtc, file);
            var stored = store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_DATE, PIPE_BREAKS_CLEAN.FLAGS)
                    .from(PIPE_BREAKS_CLEAN).fetchSingle();
            assertThat(stored.value1()).isEqualTo(LocalDate.of(2017, 1, 1));
            assertThat(stored.value2()).isEqualTo("year_matches_date");
        }
    }

    @Test
    void aStoreWithTwoAreaSetsNeedsTheMappingToNameOne() {
        String square = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": "
                + "{\"code\": \"1\", \"name\": \"all\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
                + "[[[-80, 43], [-79, 43], [-79, 44], [-80, 44], [-80, 43]]]}}]}";
        Path areas = EtlTesting.write(dir, "a.geojson", square);
        String areaMapping = "kind: areas\nformat: { type: geojson }\nid: { columns: [code] }\nname: { column: name }\n";
        Path setA = EtlTesting.write(dir, "a.yaml", "source: set-a\n" + areaMapping);
        Path setB = EtlTesting.write(dir, "b.yaml", "source: set-b\n" + areaMapping);
        Path mapping = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING);
        Path file = EtlTesting.csv(dir, "b.csv", EtlTesting.ROWS);
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            ingest(store).areas(setA, areas);
            ingest(store).breaks(mapping, file);
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.AREA_ID.isNotNull())).isEqualTo(8);

            ingest(store).areas(setB, areas);
            assertThatThrownBy(() -> ingest(store).breaks(mapping, EtlTesting.csv(dir, "c.csv", EtlTesting.ROWS.subList(0, 7))))
                    .isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining("areas")
                    .hasMessageContaining("[set-a, set-b]");
            assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.AREA_ID.isNotNull()))
                    .as("the refused run changed nothing").isEqualTo(8);
            IngestReport named = ingest(store).breaks(mapping, file, "set-b");
            assertThat(named.counts().updated()).as("every break moves to set-b's area").isEqualTo(8);
        }
    }

    @Test
    void aGeoJsonPropertyTheFirstFeatureLacksIsStillAColumnAndOneNoFeatureHasIsRefused() {
        Path file = EtlTesting.write(dir, "b.geojson", """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"id": "A1", "d": "2001-01-01"},
                  "geometry": {"type": "Point", "coordinates": [-79.4, 43.7]}},
                 {"type": "Feature", "properties": {"id": "A2", "d": "2001-01-02", "mat": "CI"},
                  "geometry": {"type": "Point", "coordinates": [-79.41, 43.71]}}
                ]}
                """);
        String mapping = """
                source: geo
                kind: breaks
                format: { type: geojson }
                id: { columns: [id] }
                date: { column: d, patterns: [yyyy-MM-dd] }
                attributes:
                  material: { column: %s, codes: { CI: cast_iron } }
                """;
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport report = ingest(store).breaks(EtlTesting.write(dir, "m.yaml", mapping.formatted("mat")), file);
            assertThat(report.rowsLoaded()).isEqualTo(2);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.MATERIAL).from(PIPE_BREAKS_CLEAN)
                    .orderBy(PIPE_BREAKS_CLEAN.SOURCE_LINE).fetch(PIPE_BREAKS_CLEAN.MATERIAL))
                    .containsExactly("unknown", "cast_iron");
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.LON).from(PIPE_BREAKS_CLEAN)
                    .orderBy(PIPE_BREAKS_CLEAN.SOURCE_LINE).fetch(PIPE_BREAKS_CLEAN.LON)).containsExactly(-79.4, -79.41);

            assertThatThrownBy(() -> ingest(store).breaks(EtlTesting.write(dir, "n.yaml", mapping.formatted("matl")), file))
                    .isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining("column 'matl' named by mapping key attributes.material.column");
        }
    }

    @Test
    void twoIdsWhose64BitHashesCollideAreTwoRecords() {
        String a = "W247ded99561bfc8c";
        String b = "W4ead7052c586e043";
        assertThat(io.breakwater.etl.internal.Hashing.hash64(a)).as("the pair collides on one 64-bit hash")
                .isEqualTo(io.breakwater.etl.internal.Hashing.hash64(b));
        Path mapping = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING
                .replace("columns: [BREAK_DATE, XCOORD, YCOORD]", "columns: [ID]"));
        Path file = EtlTesting.write(dir, "b.csv", EtlTesting.HEADER.replace("\n", ",ID\n")
                + EtlTesting.ROWS.get(0) + "," + a + "\n" + EtlTesting.ROWS.get(1) + "," + b + "\n"
                + EtlTesting.ROWS.get(2) + "," + a + "\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            IngestReport report = ingest(store).breaks(mapping, file);
            assertThat(report.rowsLoaded()).isEqualTo(2);
            assertThat(report.rowsRejected()).as("the real repeat of " + a).isEqualTo(1);
            assertThat(store.dsl().select(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID).from(PIPE_BREAKS_CLEAN)
                    .orderBy(PIPE_BREAKS_CLEAN.SOURCE_LINE).fetch(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID)).containsExactly(a, b);
        }
    }
}
