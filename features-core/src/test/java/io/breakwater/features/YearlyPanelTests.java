package io.breakwater.features;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipe-year panel: one snapshot per pipe and year, the same numbers as the monthly panel's December rows. */
class YearlyPanelTests {
    @TempDir
    Path dir;

    static FeatureSetDefinition definition(Period period, String version) {
        return FeatureSetDefinition.builder().grain(Grain.pipe()).horizonMonths(12).period(period).version(version)
                .build();
    }

    @EachStore
    void yearlySnapshotsAreTheMonthlyPanelsDecemberRowsWithTheirLabels(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        FeatureBuildResult monthly = FeatureBuild.on(store).clock(FeatureBuildTests.CLOCK)
                .run(definition(Period.MONTH, "m"));
        FeatureBuildResult yearly = FeatureBuild.on(store).clock(FeatureBuildTests.CLOCK)
                .run(definition(Period.YEAR, "y"));

        // 4 pipes x 60 months against 4 pipes x 5 Decembers (the last month, 2004-12, is one of them)
        assertThat(monthly.rowCount()).isEqualTo(240);
        assertThat(yearly.rowCount()).isEqualTo(20);
        assertThat(yearly.rowCount() * 12).isEqualTo(monthly.rowCount());
        assertThat(yearly.snapshots()).isEqualTo("5 yearly snapshots");
        assertThat(yearly.period()).isEqualTo("year");
        assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY,
                PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(yearly.featureSetId()))).isEqualTo(20);
        assertThat(store.dsl().select(FEATURE_SETS.ROW_COUNT).from(FEATURE_SETS)
                .where(FEATURE_SETS.FEATURE_SET_ID.eq(yearly.featureSetId())).fetchOne().value1()).isEqualTo(20L);

        Map<String, PipeFeaturesMonthlyRecord> m = FeatureBuildTests.panel(store, monthly.featureSetId());
        Map<String, PipeFeaturesMonthlyRecord> y = FeatureBuildTests.panel(store, yearly.featureSetId());
        assertThat(y.keySet()).allMatch(k -> k.endsWith("-12-01"));
        y.forEach((key, row) -> {
            PipeFeaturesMonthlyRecord same = m.get(key).copy();
            PipeFeaturesMonthlyRecord mine = row.copy();
            same.setFeatureSetId(null);
            mine.setFeatureSetId(null);
            assertThat(mine).as(key).isEqualTo(same);
        });
        // P1 broke in 2002-07: its December 2002 snapshot counts it in the trailing 12 months, and its 2001
        // snapshot's label (breaks in the next 12 months) counts it too
        assertThat(y.get("P1@2002-12-01").getBreaks_12m()).isEqualTo(1);
        assertThat(y.get("P1@2001-12-01").getLabelBreaks()).isEqualTo(1);
        assertThat(y.get("P1@2001-12-01").getLabelAny()).isTrue();
        // the last snapshot's label window passes the data: unknown, never a zero
        assertThat(y.get("P1@2004-12-01").getLabelAny()).isNull();
    }

    @Test
    void theLastMonthIsKeptWhenTheDataEndsInsideAYear() {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            SmallCity.fill(store.dsl());
            FeatureBuildResult yearly = FeatureBuild.on(store).clock(FeatureBuildTests.CLOCK)
                    .run(FeatureSetDefinition.builder().grain(Grain.pipe()).period(Period.YEAR)
                            .lastMonth(YearMonth.of(2004, 6)).build());
            assertThat(store.dsl().selectDistinct(PIPE_FEATURES_MONTHLY.MONTH_START).from(PIPE_FEATURES_MONTHLY)
                    .orderBy(PIPE_FEATURES_MONTHLY.MONTH_START).fetch(PIPE_FEATURES_MONTHLY.MONTH_START))
                    .containsExactly(LocalDate.of(2000, 12, 1), LocalDate.of(2001, 12, 1), LocalDate.of(2002, 12, 1),
                            LocalDate.of(2003, 12, 1), LocalDate.of(2004, 6, 1));
            assertThat(yearly.snapshots()).isEqualTo("5 yearly snapshots");
        }
    }

    @Test
    void yearlySnapshotsNeedTheTwelveMonthHorizonAndKeepMonthlyHashes() {
        assertThatThrownBy(() -> FeatureSetDefinition.builder().period(Period.YEAR).horizonMonths(3).build())
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("yearly snapshots take the 12-month horizon").hasMessageContaining("not 3 months");
        assertThat(definition(Period.MONTH, "1").definitionJson()).doesNotContain("period");
        assertThat(definition(Period.YEAR, "1").definitionJson()).contains("\"period\":\"year\"");
        assertThat(definition(Period.YEAR, "1").definitionHash())
                .isNotEqualTo(definition(Period.MONTH, "1").definitionHash());
        assertThatThrownBy(() -> Period.parse("week")).hasMessageContaining("expected month or year");
    }
}
