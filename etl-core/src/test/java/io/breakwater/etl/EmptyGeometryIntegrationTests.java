package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static io.breakwater.etl.testing.IngestAssertions.assertRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStore;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.junit.jupiter.api.io.TempDir;

/**
 * One empty geometry or one-number position among good features: that feature is rejected with its reason, the
 * others load, in every geometry kind (an empty point once aborted a whole soil or pipe ingest).
 */
class EmptyGeometryIntegrationTests {
    @TempDir
    Path dir;

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String idKey, String id, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"" + idKey + "\":\"" + id + "\",\"corr\":\"0.5\"},\"geometry\":"
                + geometry + "}";
    }

    private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[-79.4,43.7],[-79.39,43.7],"
            + "[-79.39,43.71],[-79.4,43.71],[-79.4,43.7]]]}";
    private static final String LINE = "{\"type\":\"LineString\",\"coordinates\":[[-79.4,43.7],[-79.39,43.7]]}";

    /**
     * Writes {@code kind}.geojson, one feature a geometry (ids PREFIX1, PREFIX2, ... under {@code idKey}), and its
     * mapping, ingests them and asserts that the first feature loads and the other two are rejected.
     */
    private IngestReport oneGoodTwoBad(BiFunction<Path, Path, IngestReport> ingest, String kind, String mapping,
            String idKey, String idPrefix, String good, String bad1, String bad2) {
        Path file = EtlTesting.write(dir, kind + ".geojson", collection(feature(idKey, idPrefix + 1, good),
                feature(idKey, idPrefix + 2, bad1), feature(idKey, idPrefix + 3, bad2)));
        IngestReport report = ingest.apply(EtlTesting.write(dir, kind + ".yaml", mapping), file);
        assertRows(report, 3, 1, 2);
        return report;
    }

    @EachStore
    void anEmptyOrOneNumberGeometryIsARejectNotAnAbortedRun(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store);
        oneGoodTwoBad(ingest::soil, "soil", "source: s\nkind: soil\nformat: { type: geojson }\n"
                + "id: { columns: [zone] }\nattributes:\n  corrosivity: { column: corr }\n", "zone", "Z", SQUARE,
                "{\"type\":\"Point\",\"coordinates\":[]}", "{\"type\":\"Polygon\",\"coordinates\":[]}");
        IngestReport p = oneGoodTwoBad(ingest::pipes, "pipes", "source: p\nkind: pipes\nformat: { type: geojson }\n"
                + "id: { columns: [id] }\n", "id", "P", LINE, "{\"type\":\"LineString\",\"coordinates\":[]}",
                "{\"type\":\"LineString\",\"coordinates\":[[-79.4],[-79.39,43.7]]}");
        assertThat(store.dsl().select(REJECTED_ROWS.MESSAGE).from(REJECTED_ROWS)
                .where(REJECTED_ROWS.RUN_ID.eq(p.runId())).orderBy(REJECTED_ROWS.LINE_NUMBER).fetch(REJECTED_ROWS.MESSAGE))
                .satisfiesExactly(m -> assertThat(m).contains("empty geometry"),
                        m -> assertThat(m).contains("a position has 1 number [-79.4]; expected x and y"));

        Path breaks = EtlTesting.write(dir, "breaks.geojson", collection(
                "{\"type\":\"Feature\",\"properties\":{\"id\":\"B1\",\"d\":\"2020-01-01\"},\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[-79.395,43.705]}}",
                "{\"type\":\"Feature\",\"properties\":{\"id\":\"B2\",\"d\":\"2020-01-02\"},\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[-79.395]}}"));
        IngestReport b = ingest.breaks(EtlTesting.write(dir, "breaks.yaml", "source: b\nkind: breaks\nformat: "
                + "{ type: geojson }\nid: { columns: [id] }\ndate: { column: d, patterns: [yyyy-MM-dd] }\n"), breaks);
        assertThat(b.rowsLoaded()).as("no break on the equator").isEqualTo(1);
        assertThat(b.rowsRejected()).isEqualTo(1);
    }
}
