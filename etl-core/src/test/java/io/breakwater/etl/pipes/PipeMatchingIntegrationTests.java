package io.breakwater.etl.pipes;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.EachStore;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.env.EnvFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;

class PipeMatchingIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @EachStore
    void breaksWithoutAssetIdAreSnappedAndTheMatchRateIsAQualityResult(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store).withClock(CLOCK);
        IngestReport pipes = ingest.pipes(EnvFixtures.pipesMapping(dir), EnvFixtures.pipes(dir));
        assertThat(pipes.rowsRead()).isEqualTo(20);
        assertThat(pipes.rowsLoaded()).isEqualTo(20);
        assertThat(pipes.rowsRejected()).isZero();
        assertThat(pipes.rowsFlagged()).as("the one pipe with the unknown code XX").isEqualTo(2);
        var p000 = store.dsl().selectFrom(PIPES).where(PIPES.PIPE_ID.eq("P000")).fetchOne();
        assertThat(p000.getMaterial()).isEqualTo("cast_iron");
        assertThat(p000.getDiameterMm()).isCloseTo(6 * 25.4, within(1e-9));
        assertThat(p000.getLengthM()).isCloseTo(806, within(3.0)); // 0.01 deg of longitude at 43.7 N
        assertThat(p000.getStatus()).isEqualTo("active");
        assertThat(store.dsl().selectFrom(PIPES).where(PIPES.PIPE_ID.eq("P009")).fetchOne().getMaterial())
                .isEqualTo("unknown");

        IngestReport breaks = ingest.breaks(EnvFixtures.breaksMapping(dir), EnvFixtures.breaks(dir));
        assertThat(breaks.rowsLoaded()).isEqualTo(200);
        int withoutAsset = store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.ASSET_ID_RAW.isNull());
        assertThat(withoutAsset).isEqualTo(20); // 10 %

        IngestReport match = Ingest.into(store).withClock(CLOCK).matchPipes(PipeMatcher.Options.DEFAULT);
        assertThat(match.rowsRead()).isEqualTo(200);

        var snapped = store.dsl().selectFrom(PIPE_BREAKS_CLEAN)
                .where(PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD.eq("snap")).fetch();
        assertThat(snapped).hasSize(20);
        for (var b : snapped) {
            int j = Integer.parseInt(b.getSourceRecordId().substring(1));
            assertThat(b.getAssetIdRaw()).isNull();
            assertThat(b.getPipeId()).isEqualTo(String.format("P%03d", j % 20));
            assertThat(b.getPipeMatchDistanceM()).isCloseTo(EnvFixtures.breakOffsetMetres(j), within(0.05));
        }
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD.eq("asset_id")))
                .isEqualTo(180);

        var rate = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(match.runId()),
                DQ_RESULTS.CHECK_NAME.eq("pipe_match_rate")).fetchOne();
        assertThat(rate.getObservedValue()).isEqualTo(1.0);
        assertThat(rate.getElementCount()).isEqualTo(200);
        assertThat(rate.getStatus()).isEqualTo("passed");
        var bySnap = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(match.runId()),
                DQ_RESULTS.CHECK_NAME.eq("pipe_match_by_snap")).fetchOne();
        assertThat(bySnap.getObservedValue()).isCloseTo(0.10, within(1e-9));
        var p90 = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(match.runId()),
                DQ_RESULTS.CHECK_NAME.eq("pipe_match_distance_p90_m")).fetchOne();
        assertThat(p90.getObservedValue()).isBetween(2.0, 12.1);
        var beforeInstall = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(match.runId()),
                DQ_RESULTS.CHECK_NAME.eq("pipe_match_before_install")).fetchOne();
        assertThat(beforeInstall.getStatus()).isEqualTo("passed"); // pipes laid 1920..1977, breaks in 2015
        assertThat(beforeInstall.getElementCount()).isEqualTo(200);

        // a second ingest of the same inventory changes nothing
        IngestReport again = ingest.pipes(EnvFixtures.pipesMapping(dir), dir.resolve("pipes.geojson"));
        assertThat(again.status()).isEqualTo("unchanged");
        assertThat(store.dsl().fetchCount(PIPES)).isEqualTo(20);

        // a pipe recorded as laid in 2016 cannot have broken in 2015: its ten breaks are reported, still linked
        store.dsl().update(PIPES).set(PIPES.INSTALL_YEAR, 2016).where(PIPES.PIPE_ID.eq("P003")).execute();
        IngestReport rematch = Ingest.into(store).withClock(CLOCK).matchPipes(PipeMatcher.Options.DEFAULT);
        var early = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(rematch.runId()),
                DQ_RESULTS.CHECK_NAME.eq("pipe_match_before_install")).fetchOne();
        assertThat(early.getStatus()).isEqualTo("warned");
        assertThat(early.getUnexpectedCount()).isEqualTo(10);
        assertThat(early.getSampleValues()).contains("(2015, pipe P003 laid 2016)");
        assertThat(store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.PIPE_ID.eq("P003"))).isEqualTo(10);

    }

    @EachStore
    void aBreakFarFromEveryPipeStaysUnmatchedAndLowersTheRate(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store).withClock(CLOCK);
        ingest.pipes(EnvFixtures.pipesMapping(dir), EnvFixtures.pipes(dir));
        EnvFixtures.write(dir.resolve("far.csv"), "BREAK_ID,BREAK_DATE,LON,LAT,ASSET_ID\n"
                + "F1,2015-01-01,-79.3000000,43.6500000,\n"
                + "F2,2015-01-02,-79.3995000,43.7000900,\n");
        ingest.breaks(EnvFixtures.breaksMapping(dir), dir.resolve("far.csv"));
        IngestReport match = Ingest.into(store).withClock(CLOCK).matchPipes(new PipeMatcher.Options(25, 0.9));
        var f1 = store.dsl().selectFrom(PIPE_BREAKS_CLEAN).where(PIPE_BREAKS_CLEAN.SOURCE_RECORD_ID.eq("F1")).fetchOne();
        assertThat(f1.getPipeId()).isNull();
        assertThat(f1.getPipeMatchMethod()).isEqualTo("none");
        var rate = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(match.runId()),
                DQ_RESULTS.CHECK_NAME.eq("pipe_match_rate")).fetchOne();
        assertThat(rate.getObservedValue()).isEqualTo(0.5);
        assertThat(rate.getStatus()).isEqualTo("warned");
        assertThat(rate.getSampleValues()).contains("F1");
    }
}
