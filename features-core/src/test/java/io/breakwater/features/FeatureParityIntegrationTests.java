package io.breakwater.features;

import static io.breakwater.db.schema.Tables.ASSET_NEIGHBOURS;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.pipes.PipeMatcher;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.SyntheticCity;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same feature logic gives the same panel on DuckDB and on SQLite, for a small synthetic city. */
class FeatureParityIntegrationTests {
    static final SyntheticCity CITY = SyntheticCity.builder().pipes(800).years(5).firstYear(2020).seed(7)
            .fullTruthLimit(0).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"pipe", "area", "grid:400"})
    void duckDbAndSqliteBuildTheSamePanel(String grainText) {
        Grain grain = Grain.parse(grainText);
        FeatureSetDefinition definition = FeatureSetDefinition.builder().grain(grain).horizonMonths(3)
                .firstMonth(YearMonth.of(2020, 1)).lastMonth(YearMonth.of(2024, 12)).build();
        CityFiles city = CITY.writeTo(dir.resolve("city")).files();
        try (BreakwaterStore duck = TestStores.fresh(TestStores.Kind.DUCKDB, dir);
                BreakwaterStore lite = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            long breaks = ingest(city, duck);
            assertThat(ingest(city, lite)).isEqualTo(breaks);
            assertThat(breaks).isGreaterThan(100);
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

    /** The city's files through the real ingest, as the pipeline's ingest stage runs it; returns the breaks loaded. */
    static long ingest(CityFiles city, BreakwaterStore store) {
        Ingest ingest = Ingest.into(store);
        ingest.areas(city.areasMapping(), city.areasGeoJson());
        ingest.soil(city.soilMapping(), city.soilGeoJson());
        ingest.pipes(city.pipesMapping(), city.pipesGeoJson());
        ingest.climate(city.ecccMapping(), city.ecccDirectory());
        long breaks = ingest.breaks(city.breaksMapping(), city.breaksCsv()).rowsLoaded();
        ingest.matchPipes(PipeMatcher.Options.DEFAULT);
        ingest.soilOverlay();
        return breaks;
    }
}
