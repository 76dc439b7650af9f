package io.breakwater.bi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.bi.StarSchema;
import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The shared lift rule, in SQL over fct_model_metric, on both store kinds. */
class LiftOverBaselineTests {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @EachStore
    void theStrongestBaselineByMeanOverTestYearsAndTheLiftPerYear(BreakwaterStore store) {
        DemoFixture.fillAreaCountModel(store, 3);
        StarSchema.refresh(store, CLOCK, null);
        LiftOverBaseline lift = LiftOverBaseline.of(store.dsl(), "xgboost-break_count", "area");
        double[][] f = DemoFixture.AREA_SHARE_TOP_10PCT; // model, past_breaks, random per year
        assertThat(lift.metric()).isEqualTo("break_share_top_10pct_assets");
        assertThat(lift.baseline()).isEqualTo("past_breaks");
        assertThat(lift.years()).containsExactly(2014, 2015);
        assertThat(lift.lifts().get(0)).isCloseTo(f[0][0] - f[0][1], within(1e-6));
        assertThat(lift.lifts().get(1)).isCloseTo(f[1][0] - f[1][1], within(1e-6));
        assertThat(lift.mean()).isCloseTo(-0.005, within(1e-6));
        assertThat(lift.sd()).isCloseTo(Math.sqrt(2 * 0.015 * 0.015), within(1e-6));
        assertThat(lift.yearsAhead()).isEqualTo(1);
        assertThat(lift.signedMean()).isEqualTo("\u22120.005");
        assertThat(lift.sentence()).startsWith("behind past_breaks on share of breaks in the top 10% of assets")
                .endsWith("ahead in 1 of 2");
    }

    /** At pipe grain with lengths the headline metric is the share of breaks in the top 5% of network length. */
    @EachStore
    void atPipeGrainWithLengthsTheMetricIsTheLengthShare(BreakwaterStore store) {
        DemoFixture.fill(store, 3);
        StarSchema.refresh(store, CLOCK, null);
        LiftOverBaseline lift = LiftOverBaseline.of(store.dsl(), "risk-xgb", "pipe");
        assertThat(lift.metric()).isEqualTo("break_share_top_5pct_length");
        assertThat(lift.baseline()).isEqualTo("past_breaks"); // the fixture's strongest of random, age, past_breaks
        assertThat(lift.years()).containsExactly(2014, 2015);
        assertThat(lift.mean()).isPositive();
        assertThat(lift.signedMean()).startsWith("+");
    }
}
