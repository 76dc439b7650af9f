package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStore;
import java.time.LocalDateTime;
import java.util.List;

class AttributionsTests {
    @EachStore
    void eachSourceIsCreditedWithWhatItsNewestRunDeclaredAndNothingElse(BreakwaterStore store) {
        run(store, 1, "breaks", "city-breaks", "succeeded", "Old licence");
        run(store, 2, "breaks", "city-breaks", "succeeded", "City Open Data <Licence 2>");
        run(store, 3, "areas", "city-wards", "unchanged", "City Open Data <Licence 2>");
        run(store, 4, "climate", "station-1", "succeeded", null);
        run(store, 5, "soil", "soil-x", "failed", "Never loaded");
        run(store, 6, "pipe_match", "pipe_breaks_clean", "succeeded", null);
        Attributions.Declared declared = Attributions.read(store.dsl());
        assertThat(declared.texts()).containsExactly("City Open Data <Licence 2>");
        assertThat(declared.undeclared()).containsExactly("station-1");
        assertThat(ReportWriter.footer(declared)).isEqualTo("Sources: <span class=\"attribution\">City Open Data "
                + "&lt;Licence 2&gt;.</span> No attribution declared for station-1.");
    }

    @EachStore
    void aStoreWhoseSourcesDeclareNothingNamesNoLicence(BreakwaterStore store) {
        run(store, 1, "breaks", "city-breaks", "succeeded", null);
        Attributions.Declared declared = Attributions.read(store.dsl());
        assertThat(declared.texts()).isEmpty();
        assertThat(ReportWriter.footer(declared)).isEqualTo("No source in this store declares an attribution "
                + "(the <code>attribution:</code> key of a source mapping).");
        assertThat(ReportWriter.footer(new Attributions.Declared(List.of(), List.of()))).doesNotContain("Licence");
    }

    private static void run(BreakwaterStore store, long id, String kind, String source, String status,
            String attribution) {
        LocalDateTime at = LocalDateTime.of(2026, 1, 1, 0, 0);
        store.dsl().insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.RUN_ID, id).set(INGEST_RUNS.SOURCE_KIND, kind).set(INGEST_RUNS.SOURCE_NAME, source)
                .set(INGEST_RUNS.MAPPING_SHA256, "m" + id).set(INGEST_RUNS.LOAD_MODE, "incremental")
                .set(INGEST_RUNS.ROWS_READ, 0L).set(INGEST_RUNS.ROWS_LOADED, 0L).set(INGEST_RUNS.ROWS_INSERTED, 0L)
                .set(INGEST_RUNS.ROWS_UPDATED, 0L).set(INGEST_RUNS.ROWS_UNCHANGED, 0L)
                .set(INGEST_RUNS.ROWS_REJECTED, 0L).set(INGEST_RUNS.ROWS_FLAGGED, 0L)
                .set(INGEST_RUNS.STATUS, status).set(INGEST_RUNS.STARTED_AT, at)
                .set(INGEST_RUNS.ATTRIBUTION, attribution).execute();
    }
}
