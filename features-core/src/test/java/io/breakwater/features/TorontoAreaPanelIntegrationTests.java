package io.breakwater.features;

import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.Tables;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Toronto sample at area grain: 140 neighbourhoods x 324 months (1990-01..2016-12) = 45,360 rows, whose
 * break counts reconcile exactly with pipe_breaks_clean. The published files are loaded through the real ingest.
 */
class TorontoAreaPanelIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void areaPanelCoversEveryNeighbourhoodAndMonthAndReconcilesWithTheBreaks() throws Exception {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            int outside = load(store);

            FeatureBuildResult result = FeatureBuild.on(store)
                    .run(FeatureSetDefinition.builder().grain(Grain.area()).horizonMonths(12).build());

            assertThat(result.assetCount()).isEqualTo(140);
            assertThat(result.firstMonth()).isEqualTo(YearMonth.of(1990, 1));
            assertThat(result.lastMonth()).isEqualTo(YearMonth.of(2016, 12));
            assertThat(result.monthCount()).isEqualTo(324);
            assertThat(result.rowCount()).isEqualTo(45_360);
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(45_360);
            assertThat(result.breaksUnassigned()).isEqualTo(outside);
            assertThat(result.breaksInPanel() + result.breaksUnassigned()).isEqualTo(35_465);

            Map<String, Integer> expected = new HashMap<>();
            store.dsl().select(PIPE_BREAKS_CLEAN.AREA_ID, PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH,
                            DSL.count())
                    .from(PIPE_BREAKS_CLEAN).where(PIPE_BREAKS_CLEAN.AREA_ID.isNotNull())
                    .groupBy(PIPE_BREAKS_CLEAN.AREA_ID, PIPE_BREAKS_CLEAN.BREAK_YEAR, PIPE_BREAKS_CLEAN.BREAK_MONTH)
                    .forEach(r -> expected.put(r.value1() + "@" + YearMonth.of(r.value2(), r.value3()), r.value4()));
            Map<String, Integer> actual = new HashMap<>();
            store.dsl().select(PIPE_FEATURES_MONTHLY.ASSET_ID, PIPE_FEATURES_MONTHLY.MONTH_START,
                            PIPE_FEATURES_MONTHLY.BREAKS_IN_MONTH)
                    .from(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.BREAKS_IN_MONTH.gt(0))
                    .forEach(r -> actual.put(r.value1() + "@" + YearMonth.from(r.value2()), r.value3()));
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(35_465 - outside);

            // no climate was loaded: every climate column is NULL, never zero
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY, PIPE_FEATURES_MONTHLY.T_MEAN.isNotNull()
                    .or(PIPE_FEATURES_MONTHLY.PRECIP_MM_3M.isNotNull()))).isZero();
            // adjacent neighbourhoods: every one of the 140 has some
            assertThat(store.dsl().fetchCount(store.dsl().selectDistinct(Tables.ASSET_NEIGHBOURS.ASSET_ID)
                    .from(Tables.ASSET_NEIGHBOURS))).isEqualTo(140);
            // the last 12 months have no label; the rolling 12-month count at 2016-12 equals 2016's breaks
            assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY, PIPE_FEATURES_MONTHLY.LABEL_BREAKS.isNull()))
                    .isEqualTo(140 * 12);
            int breaks2016 = store.dsl().fetchCount(PIPE_BREAKS_CLEAN,
                    PIPE_BREAKS_CLEAN.BREAK_YEAR.eq(2016).and(PIPE_BREAKS_CLEAN.AREA_ID.isNotNull()));
            assertThat(store.dsl().select(DSL.sum(PIPE_FEATURES_MONTHLY.BREAKS_12M)).from(PIPE_FEATURES_MONTHLY)
                    .where(PIPE_FEATURES_MONTHLY.MONTH_START.eq(LocalDate.of(2016, 12, 1))).fetchOne(0, Integer.class))
                    .isEqualTo(breaks2016);
        }
    }

    /** Loads areas and breaks through the real ingest; returns how many breaks fall in no neighbourhood. */
    private static int load(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store);
        ingest.areas(sample("neighbourhoods-mapping.yaml"), sample("neighbourhoods_140.geojson"));
        IngestReport breaks = ingest.breaks(sample("breaks-mapping.yaml"), sample("watermain_breaks_1990_2016.csv"));
        assertThat(breaks.rowsLoaded()).isEqualTo(35_465);
        return store.dsl().fetchCount(PIPE_BREAKS_CLEAN, PIPE_BREAKS_CLEAN.AREA_ID.isNull());
    }

    /** A file of the bundled Toronto sample ({@code sample-data/toronto}, the demo's own data). */
    private static Path sample(String name) {
        Path file = Path.of("..", "sample-data", "toronto", name);
        assertThat(file).as("the bundled Toronto sample").exists();
        return file;
    }
}
