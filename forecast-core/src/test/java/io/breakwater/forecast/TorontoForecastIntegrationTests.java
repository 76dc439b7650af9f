package io.breakwater.forecast;

import static io.breakwater.db.schema.Tables.BREAK_ANOMALIES;
import static io.breakwater.db.schema.Tables.BREAK_FORECASTS;
import static io.breakwater.db.schema.Tables.FORECAST_BACKTEST_METRICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecaster on the real Toronto sample (breaks 1990-2016, 140 neighbourhoods, ECCC station 6158350). */
class TorontoForecastIntegrationTests {
    private static final Path TORONTO = Path.of("..", "sample-data", "toronto");

    @TempDir
    Path dir;

    @Test
    void january1994AndThe2016RecordTailAreFlaggedForWhatTheyAre() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            Ingest ingest = Ingest.into(store);
            ingest.areas(TORONTO.resolve("neighbourhoods-mapping.yaml"), TORONTO.resolve("neighbourhoods_140.geojson"));
            ingest.climate(TORONTO.resolve("climate-mapping.yaml"), TORONTO.resolve("eccc-daily-6158350"));
            ingest.breaks(TORONTO.resolve("breaks-mapping.yaml"), TORONTO.resolve("watermain_breaks_1990_2016.csv"));

            ForecastResult result = Forecasts.on(store).build().run();
            System.out.println(result.summary());
            result.flagged().stream().filter(a -> a.scope().equals("network")).forEach(System.out::println);
            // no risk model ran on this store: the count-model candidate says so and is never chosen
            assertThat(result.candidate(Method.ML_COUNT).status()).isEqualTo(Candidate.SKIPPED);
            assertThat(result.candidate(Method.ML_COUNT).reason()).contains("no evaluation of a break_count");

            // January 1994 (freezing index 313.6): far above a normal winter, inside the cold 1-in-10 interval
            Anomaly january1994 = result.anomaly("*", YearMonth.of(1994, 1));
            assertThat(january1994.observed()).isEqualTo(614);
            assertThat(january1994.flagged()).isTrue();
            assertThat(january1994.driver()).isEqualTo("freezing_index_extreme");
            assertThat(january1994.observed()).isGreaterThan(january1994.upper95Normal());
            assertThat(january1994.tailProbabilityNormal()).isLessThan(result.threshold());
            assertThat(january1994.observed()).isBetween(january1994.lower95Cold(), january1994.upper95Cold());

            // the collapsed records of early 2016 are data gaps, and no low month is ever called anything else
            for (int month : new int[] {2, 3}) {
                Anomaly gap = result.anomaly("*", YearMonth.of(2016, month));
                assertThat(gap.flagged()).as("2016-%02d", month).isTrue();
                assertThat(gap.driver()).isEqualTo("data_gap");
            }
            assertThat(result.flagged()).filteredOn(a -> a.direction().equals("low"))
                    .allSatisfy(a -> assertThat(a.driver()).isEqualTo("data_gap"));

            // the forecast of 2017: 12 months, network and 140 areas, three scenarios; a cold winter means more breaks
            assertThat(result.firstMonth()).isEqualTo(YearMonth.of(2017, 1));
            assertThat(store.dsl().fetchCount(BREAK_FORECASTS)).isEqualTo(12 * 141 * 3);
            MonthForecast normal = result.forecast("*", YearMonth.of(2017, 1), "normal");
            MonthForecast cold = result.forecast("*", YearMonth.of(2017, 1), "cold_1_in_10");
            assertThat(normal.lower95()).isLessThanOrEqualTo(normal.lower80());
            assertThat(normal.upper80()).isLessThanOrEqualTo(normal.upper95());
            if (result.method() == Method.CLIMATE_NB) {
                assertThat(cold.expected()).isGreaterThan(normal.expected());
                assertThat(cold.freezingIndex()).isGreaterThan(normal.freezingIndex());
            }
            // the back-test: the network's intervals carry the errors of earlier year-ahead forecasts (0.60 and 0.77
            // when they held the in-sample spread only); a month whose records collapsed is not scored
            String chosen = result.method().id();
            for (String period : new String[] {"2012", "2013", "2014", "2015", "2016", "pooled"}) {
                System.out.printf("%s network %.2f / %.2f, area %.2f / %.2f (by PIT %.2f / %.2f), gap months %.0f%n",
                        period, result.metric(chosen, "network", period, "coverage_80"),
                        result.metric(chosen, "network", period, "coverage_95"),
                        result.metric(chosen, "area", period, "coverage_80"),
                        result.metric(chosen, "area", period, "coverage_95"),
                        result.metric(chosen, "area", period, "pit_coverage_80"),
                        result.metric(chosen, "area", period, "pit_coverage_95"),
                        result.metric(chosen, "network", period, "gap_months"));
            }
            assertThat(result.metric(chosen, "network", "pooled", "coverage_80")).isGreaterThan(0.65);
            assertThat(result.metric(chosen, "network", "pooled", "coverage_95")).isGreaterThan(0.85);
            assertThat(result.metric(chosen, "network", "2016", "gap_months")).isGreaterThanOrEqualTo(1);
            // area-months: integer intervals of means under one break cover far more than their level; the
            // randomised PIT, free of that coarseness, shows whether the spread is right
            assertThat(result.metric(chosen, "area", "pooled", "pit_coverage_80")).isBetween(0.75, 0.85);
            assertThat(result.metric(chosen, "area", "pooled", "pit_coverage_95")).isBetween(0.92, 0.98);
            assertThat(store.dsl().fetchCount(BREAK_ANOMALIES)).isEqualTo(result.anomalies().size());
            assertThat(store.dsl().fetchCount(FORECAST_BACKTEST_METRICS)).isEqualTo(result.backtest().size());
        }
    }
}
