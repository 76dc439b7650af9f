package io.breakwater.db;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.db.testing.ClimateMonths;
import io.breakwater.db.testing.EachStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

class ClimateSeriesTests {

    /**
     * Station B has more months on record, but 30 of them hold no observation; station A has fewer rows and more
     * observed months, and so is the default; station C has one month.
     */
    private static void twoStationsAndASparseOne(BreakwaterStore store) {
        List<ClimateMonthlyRecord> rows = new ArrayList<>();
        LocalDate start = LocalDate.of(2000, 1, 1);
        for (int m = 0; m < 60; m++) {
            rows.add(ClimateMonths.observedInFull("A", start.plusMonths(m), 1L));
        }
        for (int m = 0; m < 80; m++) {
            ClimateMonthlyRecord b = ClimateMonths.observedInFull("B", start.plusMonths(m), 1L);
            if (m % 8 < 3) {
                b.setDaysObserved(0); // 30 months listed without a single day observed
            }
            rows.add(b);
        }
        rows.add(ClimateMonths.observedInFull("C", start, 1L));
        store.dsl().transaction(cfg -> BulkRows.insert(cfg.dsl(), CLIMATE_MONTHLY, rows));
    }

    @EachStore
    void theDefaultIsTheSeriesWithTheMostObservedMonthsNotTheMostRows(BreakwaterStore store) {
        twoStationsAndASparseOne(store);

        assertThat(ClimateSeries.byObservedMonths(store.dsl())).containsExactly("A", "B", "C");
        assertThat(ClimateSeries.choose(store.dsl(), null)).isEqualTo("A");
        assertThat(ClimateSeries.choose(store.dsl(), "B")).isEqualTo("B");
    }

    @EachStore
    void aConfiguredSeriesWithoutMonthsIsRefusedWithTheSeriesThatExist(BreakwaterStore store) {
        twoStationsAndASparseOne(store);

        assertThatThrownBy(() -> ClimateSeries.choose(store.dsl(), "6158350"))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("climate series '6158350' is not in climate_monthly: expected one of [A, B, C]");
    }

    @EachStore
    void anEmptyStoreHasNoSeriesAndTheOnlySeriesIsChosenAlone(BreakwaterStore store) {
        assertThat(ClimateSeries.choose(store.dsl(), null)).isNull();

        store.dsl().transaction(cfg -> BulkRows.insert(cfg.dsl(), CLIMATE_MONTHLY,
                List.of(ClimateMonths.observedInFull("only", LocalDate.of(1990, 1, 1), 1L))));
        assertThat(ClimateSeries.choose(store.dsl(), null)).isEqualTo("only");
    }
}
