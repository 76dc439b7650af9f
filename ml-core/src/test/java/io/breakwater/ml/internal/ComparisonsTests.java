package io.breakwater.ml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.ml.BaselineComparison;
import io.breakwater.ml.ScorerMetrics;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strongest baseline, the paired yearly differences, and the rate table's smoothing and masking. */
class ComparisonsTests {
    private static final String H = Scorers.HEADLINE_ASSETS;

    private static ScorerMetrics m(String scorer, String period, double v) {
        return new ScorerMetrics(scorer, period, Map.of(H, v), List.of());
    }

    @Test
    void theStrongestBaselineHasTheHighestMeanOfYearsAndTheLiftIsPairedByYear() {
        List<ScorerMetrics> all = new ArrayList<>(List.of(
                m("model", "2014", 0.30), m("model", "2015", 0.24), m("model", "2016", 0.33), m("model", "pooled", 0.28),
                // trailing wins one year but has the lower mean; prior breaks is the strongest
                m("trailing_breaks_12m", "2014", 0.31), m("trailing_breaks_12m", "2015", 0.20),
                m("trailing_breaks_12m", "2016", 0.25), m("trailing_breaks_12m", "pooled", 0.25),
                m("prior_breaks", "2014", 0.28), m("prior_breaks", "2015", 0.26), m("prior_breaks", "2016", 0.30),
                m("prior_breaks", "pooled", 0.29)));
        List<Integer> years = List.of(2014, 2015, 2016);
        all.addAll(Comparisons.means(all, years));
        BaselineComparison c = Comparisons.compare(all, years, H);

        assertThat(c.strongestBaseline()).isEqualTo("prior_breaks");
        assertThat(c.meanBaseline()).isCloseTo(0.28, within(1e-12));
        assertThat(c.meanModel()).isCloseTo(0.29, within(1e-12));
        assertThat(c.years()).extracting(BaselineComparison.Year::difference)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
                .containsExactly(0.02, -0.02, 0.03);
        assertThat(c.meanDifference()).isCloseTo(0.01, within(1e-12));
        assertThat(c.differenceSd()).isCloseTo(Math.sqrt((0.01 * 0.01 + 0.03 * 0.03 + 0.02 * 0.02) / 2), within(1e-12));
        assertThat(c.yearsAhead()).isEqualTo(2);
        assertThat(c.pooledModel() - c.pooledBaseline()).isCloseTo(-0.01, within(1e-12));
        assertThat(c.modelAhead()).isTrue();
        assertThat(c.statement()).startsWith("the model is ahead of the strongest baseline prior_breaks")
                .contains("difference +0.010").contains("ahead in 2 of 3 years").contains("pooled 0.280 against 0.290");
        assertThat(all).filteredOn(s -> s.period().equals("mean") && s.scorer().equals("model")).singleElement()
                .satisfies(s -> assertThat(s.get(H)).isCloseTo(0.29, within(1e-12)));
    }

    @Test
    void aModelBehindTheBaselineIsSaidToBeBehind() {
        List<ScorerMetrics> all = List.of(m("model", "2016", 0.20), m("random", "2016", 0.10),
                m("prior_breaks", "2016", 0.25));
        BaselineComparison c = Comparisons.compare(all, List.of(2016), H);
        assertThat(c.strongestBaseline()).isEqualTo("prior_breaks");
        assertThat(c.statement()).startsWith("the model is behind the strongest baseline prior_breaks")
                .contains("difference -0.050").contains("ahead in 0 of 1 years");
        assertThat(c.yearLines()).containsExactly("2016: model 0.200, prior_breaks 0.250, difference -0.050 "
                + "(baseline ahead)");
    }

    @Test
    void theRateTableSmoothsTowardsTheNetworkRateAndPutsRowsBeforeInstallInTheUnknownCell() {
        String[] cols = {"pipe_age_years", "diameter_mm", "length_m"};
        Panel.Builder b = new Panel.Builder(cols);
        YearMonth month = YearMonth.of(2010, 1);
        // 10 km of old cast iron with 10 breaks, 10 km of young PVC with none, and a row before its pipe's install
        for (int i = 0; i < 10; i++) {
            b.add("ci" + i, month, new float[] {62, 150, 1000}, "cast_iron", i < 10, 1);
            b.add("pvc" + i, month, new float[] {5, 150, 1000}, "pvc", false, 0);
        }
        b.add("replaced", month, new float[] {Float.NaN, Float.NaN, 1000}, null, true, 1);
        Panel panel = b.build();
        int[] rows = new int[panel.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        RateTable table = RateTable.fit(panel, rows);
        double network = 11.0 / 21.0;
        assertThat(table.rates()).containsOnlyKeys("cast_iron|60|d1", "pvc|0|d1", "unknown|?|?");
        assertThat(table.rates().get("cast_iron|60|d1")).isCloseTo(11 / (10 + 1 / network), within(1e-12));
        assertThat(table.rates().get("pvc|0|d1")).isCloseTo(1 / (10 + 1 / network), within(1e-12)).isPositive();
        assertThat(table.ratesPerKm(panel, new int[] {rows.length - 1})[0])
                .isCloseTo(2 / (1 + 1 / network), within(1e-12));
        assertThat(table.materialRates().get("cast_iron")).isGreaterThan(table.materialRates().get("pvc"));

        // another panel (the one scored) numbers its materials in its own order and has one the table never saw
        Panel.Builder other = new Panel.Builder(cols);
        other.add("new-pvc", month, new float[] {5, 150, 1000}, "pvc", false, 0);
        other.add("new-ductile", month, new float[] {5, 150, 1000}, "ductile_iron", false, 0);
        other.add("old-ci", month, new float[] {69, 200, 1000}, "cast_iron", false, 0);
        assertThat(table.ratesPerKm(other.build(), new int[] {0, 1, 2})).containsExactly(
                new double[] {1 / (10 + 1 / network), network, 11 / (10 + 1 / network)}, within(1e-12));
    }
}
