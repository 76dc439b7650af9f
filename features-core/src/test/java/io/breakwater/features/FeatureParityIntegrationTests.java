package io.breakwater.features;

import static io.breakwater.db.schema.Tables.ASSET_NEIGHBOURS;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.db.testing.TestStores;
import io.breakwater.features.bench.BenchCity;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same feature logic gives the same panel on DuckDB and on SQLite, for a small generated city. */
class FeatureParityIntegrationTests {
    static final BenchCity CITY = new BenchCity(400, 5, 2025, 7);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"pipe", "area", "grid:400"})
    void duckDbAndSqliteBuildTheSamePanel(String grainText) {
        Grain grain = Grain.parse(grainText);
        FeatureSetDefinition definition = FeatureSetDefinition.builder().grain(grain).horizonMonths(3).build();
        try (BreakwaterStore duck = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
                BreakwaterStore lite = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            BenchCity.Filled filled = CITY.fill(duck);
            CITY.fill(lite);
            assertThat(filled.breaks()).isGreaterThan(100);
            FeatureBuildResult d = FeatureBuild.on(duck).run(definition);
            FeatureBuildResult s = FeatureBuild.on(lite).run(definition);

            assertThat(s.rowCount()).isEqualTo(d.rowCount()).isEqualTo(d.assetCount() * 60);
            assertThat(s.assetCount()).isEqualTo(d.assetCount());
            assertThat(s.breaksInPanel()).isEqualTo(d.breaksInPanel());
            assertThat(s.breaksUnassigned()).isEqualTo(d.breaksUnassigned());
            assertThat(s.neighbourPairs()).isEqualTo(d.neighbourPairs()).isEqualTo(duck.dsl().fetchCount(ASSET_NEIGHBOURS));
            assertThat(lite.dsl().fetchCount(FEATURE_ASSETS)).isEqualTo(duck.dsl().fetchCount(FEATURE_ASSETS));

            Map<String, PipeFeaturesMonthlyRecord> dp = FeatureBuildTests.panel(duck, d.featureSetId());
            Map<String, PipeFeaturesMonthlyRecord> sp = FeatureBuildTests.panel(lite, s.featureSetId());
            assertThat(sp.keySet()).isEqualTo(dp.keySet());
            long nonNull = 0;
            for (Map.Entry<String, PipeFeaturesMonthlyRecord> e : dp.entrySet()) {
                PipeFeaturesMonthlyRecord a = e.getValue();
                PipeFeaturesMonthlyRecord b = sp.get(e.getKey());
                for (Field<?> f : PIPE_FEATURES_MONTHLY.fields()) {
                    Object x = a.get(f);
                    Object y = b.get(f);
                    String what = grain + " " + e.getKey() + " " + f.getName();
                    if (x instanceof Double dx && y instanceof Double dy) {
                        assertThat(dy).as(what).isCloseTo(dx, within(1e-9 * Math.max(1, Math.abs(dx))));
                    } else {
                        assertThat(y).as(what).isEqualTo(x);
                    }
                    nonNull += x == null ? 0 : 1;
                }
            }
            assertThat(nonNull).as("the comparison saw values, not only NULLs").isGreaterThan(dp.size() * 30L);
            assertThat(dp.values().stream().mapToInt(PipeFeaturesMonthlyRecord::getBreaksInMonth).sum())
                    .isEqualTo((int) d.breaksInPanel());
            assertThat(dp.values().stream().filter(r -> Objects.nonNull(r.getLabelBreaks())).count())
                    .isEqualTo(d.assetCount() * 57);
        }
    }
}
