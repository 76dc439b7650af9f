package io.breakwater.etl;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStore;
import java.util.Map;
import java.util.stream.Collectors;

/** The acceptance figures on the bundled Toronto sample, on DuckDB and SQLite. */
class TorontoSampleIntegrationTests {
    @EachStore
    void theTorontoSampleLoadsWithItsKnownDefectsFoundAndASecondIngestAddsNothing(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store).withClock(EtlTesting.CLOCK);
        IngestReport areas = ingest.areas(EtlTesting.AREAS_MAPPING, EtlTesting.AREAS);
        assertThat(areas.rowsLoaded()).isEqualTo(140);
        assertThat(store.dsl().fetchCount(AREAS, AREAS.AREA_SET.eq("toronto-neighbourhoods"))).isEqualTo(140);
        double km2 = store.dsl().select(org.jooq.impl.DSL.sum(AREAS.AREA_KM2)).from(AREAS).fetchSingle().value1().doubleValue();
        assertThat(km2).isBetween(600.0, 660.0); // Toronto: about 630 km2

        IngestReport r = ingest.breaks(EtlTesting.BREAKS_MAPPING, EtlTesting.BREAKS);
        assertThat(r.rowsRead()).isEqualTo(35_465);
        assertThat(r.rowsLoaded() + r.rowsRejected()).isEqualTo(r.rowsRead());
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo((int) r.rowsLoaded());
        Map<String, CheckResult> checks = r.checks().stream().collect(Collectors.toMap(CheckResult::checkName, c -> c));
        assertThat(checks.get("coordinates_agree").unexpectedCount()).isBetween(150L, 170L);
        assertThat(checks.get("year_matches_date").unexpectedCount()).isEqualTo(9);
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.FLAGS.contains("year_matches_date"))).isEqualTo(9);
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.FLAGS.contains("coordinates_agree")))
                .isEqualTo((int) checks.get("coordinates_agree").unexpectedCount());
        int inArea = store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.AREA_ID.isNotNull());
        assertThat(inArea / (double) r.rowsLoaded()).isGreaterThan(0.99);
        // a few breaks lie outside every neighbourhood: flagged, but far under the 1 % that warns the run
        assertThat(checks.get("inside_an_area").unexpectedCount()).isPositive();
        assertThat(checks.get("inside_an_area").warnsRun()).isFalse();
        assertThat(r.warnings()).isEmpty();
        assertThat(checks.get("freshness").status()).isEqualTo("passed"); // clock: 2017-03-01
        assertThat(store.dsl().fetchCount(DQ_RESULTS, DQ_RESULTS.RUN_ID.eq(r.runId()))).isEqualTo(r.checks().size());
        // years and months derived, coordinates in Toronto
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.BREAK_YEAR.between(1990, 2016)
                .and(PIPE_BREAKS_CLEAN.BREAK_MONTH.between(1, 12)).and(PIPE_BREAKS_CLEAN.LAT.between(43.55, 43.9))))
                .isEqualTo((int) r.rowsLoaded());

        IngestReport again = ingest.breaks(EtlTesting.BREAKS_MAPPING, EtlTesting.BREAKS);
        assertThat(again.counts().inserted()).isZero();
        assertThat(again.counts().updated()).isZero();
        assertThat(again.status()).isEqualTo("unchanged");
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN)).isEqualTo((int) r.rowsLoaded());
    }
}
