package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.DIM_MODEL;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.bi.StarSchema;
import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.testing.EachStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
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

    /**
     * The inner validation may choose the other target's learner in some test years, and a yearly model carries the
     * name of what it is: the lift is still taken over every test year of the evaluation the pipeline printed.
     */
    @EachStore
    void theLiftIsOverEveryTestYearOfTheModelsEvaluationWhateverEachYearsModelIsNamed(BreakwaterStore store) {
        DemoFixture.fillAreaCountModel(store, 3);
        var dsl = store.dsl();
        dsl.update(MODEL_REGISTRY).set(MODEL_REGISTRY.NAME, "xgboost-any_break")
                .where(MODEL_REGISTRY.MODEL_ID.eq(DemoFixture.OLD_MODEL)).execute();
        StarSchema.refresh(store, CLOCK, null);
        DimModelRecord headline = dsl.selectFrom(DIM_MODEL).where(DIM_MODEL.MODEL_KEY.eq(DemoFixture.NEW_MODEL))
                .fetchOne();
        assertThat(LiftOverBaseline.of(dsl, headline).years()).as("no evaluation: the models of its name")
                .containsExactly(2015);

        var evaluation = dsl.newRecord(MODEL_EVALUATIONS);
        evaluation.setEvaluationId("eval-1");
        evaluation.setName("xgboost-break_count");
        evaluation.setFeatureSetId(headline.getFeatureSetId());
        evaluation.setAlgorithm(headline.getAlgorithm());
        evaluation.setTarget(headline.getTarget());
        evaluation.setGrain("area");
        evaluation.setHorizonMonths(12);
        evaluation.setSeed(42L);
        evaluation.setTestYears("2014,2015");
        evaluation.setConfigJson("{}");
        evaluation.setCreatedAt(LocalDateTime.of(2026, 11, 1, 0, 0));
        evaluation.setBreakwaterVersion("test");
        evaluation.store();
        dsl.update(MODEL_REGISTRY).set(MODEL_REGISTRY.EVALUATION_ID, "eval-1")
                .where(MODEL_REGISTRY.MODEL_ID.in(DemoFixture.OLD_MODEL, DemoFixture.NEW_MODEL)).execute();

        LiftOverBaseline lift = LiftOverBaseline.of(dsl, headline);
        double[][] f = DemoFixture.AREA_SHARE_TOP_10PCT;
        assertThat(lift.years()).containsExactly(2014, 2015);
        assertThat(lift.lifts().get(0)).isCloseTo(f[0][0] - f[0][1], within(1e-6));
        assertThat(lift.sentence()).startsWith("behind past_breaks").endsWith("ahead in 1 of 2");
    }
}
