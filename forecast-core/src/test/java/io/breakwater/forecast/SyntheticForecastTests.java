package io.breakwater.forecast;

import static io.breakwater.forecast.ForecastHistory.FIRST;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.TestStores;
import io.breakwater.synth.tables.SyntheticBreakHistory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecaster on a synthetic city whose hazard and weather are known. */
class SyntheticForecastTests {

    @TempDir
    Path dir;

    @Test
    void backTestIntervalsCoverTheirShareAndAPlantedAnomalyIsFlaggedWithFewFalseAlarms() {
        int plantedArea = 3;
        int plantedMonth = 12 * 11 + 1;   // February 2016
        SyntheticBreakHistory city = ForecastHistory.generate(7, new int[] {plantedArea, plantedMonth});
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            city.writeTo(store.dsl());

            ForecastResult result = Forecasts.on(store).anomalyThreshold(0.01).build().run();
            System.out.println(result.summary());
            result.backtest().stream().filter(m -> m.period().equals("pooled")).forEach(System.out::println);

            assertThat(result.method()).isEqualTo(Method.CLIMATE_NB);
            String chosen = result.method().id();
            assertThat(result.metric(chosen, "area", "pooled", "coverage_80")).isBetween(0.75, 0.85);
            assertThat(result.metric(chosen, "area", "pooled", "coverage_95")).isBetween(0.92, 0.98);
            assertThat(result.metric(chosen, "area", "pooled", "log_score"))
                    .isLessThan(result.metric("seasonal", "area", "pooled", "log_score"));

            Anomaly planted = result.anomaly(SyntheticBreakHistory.areaId(plantedArea), FIRST.plusMonths(plantedMonth));
            assertThat(planted.flagged()).isTrue();
            assertThat(planted.direction()).isEqualTo("high");

            assertThat(planted.driver()).isEqualTo("unexplained");

            // months flagged because the winter was extreme say so; every other flag on an unplanted area-month is false
            List<Anomaly> unplanted = result.anomalies().stream().filter(a -> a.scope().equals("area") && a != planted)
                    .toList();
            double falseAlarms = unplanted.stream().filter(a -> a.flagged()
                    && !a.driver().equals("freezing_index_extreme")).count() / (double) unplanted.size();
            double samplingError = 3 * Math.sqrt(0.01 * 0.99 / unplanted.size());
            System.out.println("false alarms " + falseAlarms + " over " + unplanted.size());
            assertThat(falseAlarms).isLessThanOrEqualTo(0.01 + samplingError);
        }
    }
}
