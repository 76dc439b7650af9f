package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that cannot be read without guessing are refused before a row is read, with a reason in Breakwater's words:
 * no run changes the store, and none is logged as a success.
 */
class InputRefusalIntegrationTests {
    @TempDir
    Path dir;

    private static final String AREAS = "source: a\nkind: areas\nformat: { type: geojson }\nid: { columns: [code] }\n";
    private static final String POLYGON = "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":"
            + "\"Polygon\",\"coordinates\":[[[-79.4,43.7],[-79.3,43.7],[-79.3,43.8],[-79.4,43.7]]]}}";

    private void refused(BreakwaterStore store, Runnable ingest, ErrorCode code, String... parts) {
        assertThatThrownBy(ingest::run).isInstanceOf(BreakwaterException.class)
                .satisfies(e -> assertThat(((BreakwaterException) e).errorCode()).isEqualTo(code))
                .satisfies(e -> assertThat(e.getMessage()).contains(parts).doesNotContain("\n")
                        .doesNotContain("Duplicate field").doesNotContain("com.fasterxml"));
        assertThat(store.dsl().fetchCount(INGEST_RUNS, INGEST_RUNS.STATUS.ne("failed"))).isZero();
        assertThat(EtlTesting.count(store, "pipe_breaks_clean") + EtlTesting.count(store, "areas")).isZero();
    }

    @Test
    void aHeaderThatNamesAColumnTwiceIsRefused() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Path csv = EtlTesting.write(dir, "twice.csv", "BREAK_DATE,BREAK_YEAR,XCOORD,YCOORD,POINT_X,POINT_X\n"
                    + EtlTesting.ROWS.get(0) + "\n");
            refused(store, () -> Ingest.into(store).breaks(EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING), csv),
                    ErrorCode.INVALID_INPUT, "twice.csv line 1", "column 'POINT_X' twice (columns 5 and 6)");
        }
    }

    @Test
    void impossibleCsvFormatsAreRefusedByTheirKey() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Path csv = EtlTesting.csv(dir, "b.csv", EtlTesting.ROWS);
            String[][] cases = {
                {"format: { type: csv }", "format: { type: csv, skipLines: -5 }", "format.skipLines", "found -5"},
                {"format: { type: csv }", "format: { type: csv, delimiter: \"\\\"\" }", "format.delimiter and format.quote",
                    "two different characters"},
                {"format: { type: csv }", "format: { type: csv, delimiter: \"\\n\" }", "neither a line break"}};
            for (String[] c : cases) {
                Path mapping = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING.replace(c[0], c[1]));
                String[] parts = java.util.Arrays.copyOfRange(c, 2, c.length);
                refused(store, () -> Ingest.into(store).breaks(mapping, csv), ErrorCode.INVALID_CONFIGURATION, parts);
            }
        }
    }

    @Test
    void aMappingWithAKeyGivenTwiceOrTrailingContentIsRefused() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Path areas = EtlTesting.write(dir, "a.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + POLYGON + "]}");
            Path yaml = EtlTesting.write(dir, "twice.yaml", AREAS + "id: { columns: [name] }\n");
            refused(store, () -> Ingest.into(store).areas(yaml, areas), ErrorCode.INVALID_CONFIGURATION, "twice.yaml",
                    "the key 'id' is given twice");
            Path json = EtlTesting.write(dir, "m.json", "{\"source\":\"a\",\"kind\":\"areas\",\"format\":{\"type\":"
                    + "\"geojson\"},\"id\":{\"columns\":[\"code\"]}} {\"source\":\"b\"}");
            refused(store, () -> Ingest.into(store).areas(json, areas), ErrorCode.INVALID_CONFIGURATION, "m.json", "content after the end of the mapping");
        }
    }

    @Test
    void geoJsonWithAKeyGivenTwiceOrASecondDocumentIsRefused() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Path mapping = EtlTesting.write(dir, "a.yaml", AREAS);
            Path twice = EtlTesting.write(dir, "twice.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
                    + POLYGON.replace("{\"code\":\"A\"}", "{\"code\":\"A\",\"code\":\"B\"}") + "]}");
            refused(store, () -> Ingest.into(store).areas(mapping, twice), ErrorCode.INVALID_INPUT, "twice.geojson",
                    "a key appears twice in one object");
            Path two = EtlTesting.write(dir, "two.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + POLYGON
                    + "]}\n{\"type\":\"FeatureCollection\",\"features\":[]}\n");
            refused(store, () -> Ingest.into(store).areas(mapping, two), ErrorCode.INVALID_INPUT, "two.geojson",
                    "content after the end of the FeatureCollection");
        }
    }

    @Test
    void aFolderOrADeviceIsNoInputFile() throws Exception {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Path mapping = EtlTesting.write(dir, "a.yaml", AREAS);
            Path folder = Files.createDirectories(dir.resolve("folder.geojson"));
            refused(store, () -> Ingest.into(store).areas(mapping, folder), ErrorCode.INVALID_INPUT, "not a file");
            refused(store, () -> Ingest.into(store).areas(mapping, Path.of("/dev/zero")), ErrorCode.INVALID_INPUT,
                    "/dev/zero", "not a file");
        }
    }
}
