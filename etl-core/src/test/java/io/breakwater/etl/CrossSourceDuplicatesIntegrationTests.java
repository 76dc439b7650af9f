package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * A utility's raw export and its cleaned export loaded as two sources: a break of the second that repeats one of the
 * first (same date within 25 m, or same id and date) is flagged and points at the first; the first source, re-ingested
 * later, stays unflagged, so each break is counted once whatever the order of reruns.
 */
class CrossSourceDuplicatesIntegrationTests {
    @TempDir
    Path dir;

    private static final String HEADER = "WO,DATE,LON,LAT\n";

    private Path mapping(String source) {
        return EtlTesting.write(dir, source + ".yaml", "source: " + source + "\nkind: breaks\nformat: { type: csv }\n"
                + "id: { columns: [WO] }\ndate: { column: DATE, patterns: [yyyy-MM-dd] }\n"
                + "coordinates:\n  - { x: LON, y: LAT, crs: \"EPSG:4326\" }\n");
    }

    @EachStore
    void aBreakInTwoSourcesIsFlaggedInTheLaterOneAndPointsAtTheFirst(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store);
        String rawRows = HEADER
                + "W1,2015-01-10,-79.40000,43.70000\n"
                + "W2,2015-02-11,-79.41000,43.71000\n"
                + "W3,2015-03-12,-79.42000,43.72000\n";
        Path raw = EtlTesting.write(dir, "raw.csv", rawRows);
        IngestReport first = ingest.breaks(mapping("raw"), raw);
        assertThat(first.rowsFlagged()).isZero();

        // C1 repeats W1 10 m away; W2 is the same work order and date with corrected coordinates 2 km away;
        // C3 is on W3's place but another day; C4 is new
        Path cleaned = EtlTesting.write(dir, "cleaned.csv", HEADER
                + "C1,2015-01-10,-79.40010,43.70005\n"
                + "W2,2015-02-11,-79.43000,43.71000\n"
                + "C3,2015-03-13,-79.42000,43.72000\n"
                + "C4,2015-04-14,-79.45000,43.75000\n");
        IngestReport second = ingest.breaks(mapping("cleaned"), cleaned);
        assertThat(second.rowsLoaded()).isEqualTo(4);
        assertThat(second.reasons()).contains(new IngestReport.ReasonCount("cross_source_duplicate", "flagged", 2));
        assertThat(duplicates(store)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cleaned:C1", "raw:W1", "cleaned:W2", "raw:W2"));

        // the first source again with one more break: it is compared with no later source, so it never becomes
        // the copy
        Path rawAgain = EtlTesting.write(dir, "raw2.csv", rawRows + "W5,2015-05-15,-79.46000,43.76000\n");
        IngestReport again = ingest.breaks(mapping("raw"), rawAgain);
        assertThat(again.rowsFlagged()).isZero();
        assertThat(duplicates(store)).hasSize(2);

        // the later source rerun unchanged: same flags, nothing rewritten
        IngestReport rerun = ingest.breaks(mapping("cleaned"), cleaned);
        assertThat(rerun.counts().updated()).isZero();
        assertThat(duplicates(store)).hasSize(2);
    }

    private static Map<String, String> duplicates(BreakwaterStore store) {
        return store.dsl().select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.DUPLICATE_OF).from(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.DUPLICATE_OF.isNotNull())
                .fetchMap(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.DUPLICATE_OF);
    }
}
