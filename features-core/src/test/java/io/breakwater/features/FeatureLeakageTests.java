package io.breakwater.features;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.jooq.Field;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature at month t never depends on data after t; a label at month t depends only on months after t. Each test
 * builds a version, perturbs the data on one side of t, builds another version, and compares the two panels.
 */
class FeatureLeakageTests {
    static final YearMonth T = YearMonth.of(2002, 6);

    @TempDir
    Path dir;

    static FeatureSetDefinition version(Grain grain, String version) {
        // the month range is fixed, so that perturbing the last months of data does not move the panel's end
        return FeatureSetDefinition.builder().grain(grain).horizonMonths(12).version(version)
                .firstMonth(YearMonth.of(2000, 1)).lastMonth(YearMonth.of(2004, 12)).build();
    }

    static boolean isLabel(Field<?> f) {
        return f.equals(PIPE_FEATURES_MONTHLY.LABEL_BREAKS) || f.equals(PIPE_FEATURES_MONTHLY.LABEL_ANY);
    }

    static boolean isKey(Field<?> f) {
        return f.equals(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID);
    }

    @EachStoreKind
    void perturbingBreaksAndClimateAfterTLeavesEveryFeatureUpToTUnchanged(TestStores.Kind kind) throws Exception {
        for (Grain grain : new Grain[] {Grain.pipe(), Grain.area()}) {
            Path folder = Files.createDirectories(dir.resolve(grain.kind().name()));
            try (BreakwaterStore store = TestStores.fresh(kind, folder)) {
                SmallCity.fill(store.dsl());
                FeatureBuild.on(store).run(version(grain, "before"));

                // the future changes: new breaks after T (on P1/A1, P3/A2), one break after T removed, colder climate
                SmallCity.addBreak(store.dsl(), "f1", "P1", "A1", LocalDate.of(2002, 7, 1));
                SmallCity.addBreak(store.dsl(), "f2", "P3", "A2", LocalDate.of(2003, 1, 20));
                SmallCity.addBreak(store.dsl(), "f3", "P2", "A1", LocalDate.of(2004, 4, 2));
                store.dsl().deleteFrom(PIPE_BREAKS_CLEAN).where(PIPE_BREAKS_CLEAN.BREAK_ID.eq("test:b5")).execute();
                store.dsl().update(CLIMATE_MONTHLY).set(CLIMATE_MONTHLY.T_MEAN, CLIMATE_MONTHLY.T_MEAN.minus(10.0))
                        .set(CLIMATE_MONTHLY.PRECIP_MM, 500.0)
                        .where(CLIMATE_MONTHLY.MONTH_START.gt(T.atEndOfMonth())).execute();
                FeatureBuild.on(store).run(version(grain, "after"));

                Map<String, PipeFeaturesMonthlyRecord> before = FeatureBuildTests.panel(store,
                        version(grain, "before").featureSetId());
                Map<String, PipeFeaturesMonthlyRecord> after = FeatureBuildTests.panel(store,
                        version(grain, "after").featureSetId());
                assertThat(after).hasSameSizeAs(before);
                int compared = 0;
                int labelsChanged = 0;
                for (Map.Entry<String, PipeFeaturesMonthlyRecord> e : before.entrySet()) {
                    PipeFeaturesMonthlyRecord b = e.getValue();
                    PipeFeaturesMonthlyRecord a = after.get(e.getKey());
                    if (YearMonth.from(b.getMonthStart()).isAfter(T)) {
                        continue;
                    }
                    for (Field<?> f : PIPE_FEATURES_MONTHLY.fields()) {
                        if (isLabel(f)) {
                            labelsChanged += java.util.Objects.equals(a.get(f), b.get(f)) ? 0 : 1;
                        } else if (!isKey(f)) {
                            assertThat(a.get(f)).as("%s %s %s", grain, e.getKey(), f.getName()).isEqualTo(b.get(f));
                            compared++;
                        }
                    }
                }
                assertThat(compared).isGreaterThan(1000);
                assertThat(labelsChanged).as("labels up to T do see the months after T").isPositive();
                // and a feature after T does see the change
                String p1 = grain.kind() == Grain.Kind.PIPE ? "P1" : "A1";
                assertThat(after.get(p1 + "@2002-07-01").getBreaksInMonth())
                        .isEqualTo(before.get(p1 + "@2002-07-01").getBreaksInMonth() + 1);
            }
        }
    }

    @EachStore
    void labelsAtTUseOnlyMonthsAfterT(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        FeatureBuild.on(store).run(version(Grain.pipe(), "before"));
        // the past changes: breaks in and before T on every pipe
        for (String pipe : new String[] {"P1", "P2", "P3", "P4"}) {
            SmallCity.addBreak(store.dsl(), "p-" + pipe, pipe, "A1", T.atDay(10));
            SmallCity.addBreak(store.dsl(), "q-" + pipe, pipe, "A1", T.minusMonths(7).atDay(3));
        }
        FeatureBuild.on(store).run(version(Grain.pipe(), "after"));
        Map<String, PipeFeaturesMonthlyRecord> before = FeatureBuildTests.panel(store, "panel-pipe-h12@before");
        Map<String, PipeFeaturesMonthlyRecord> after = FeatureBuildTests.panel(store, "panel-pipe-h12@after");
        int compared = 0;
        for (Map.Entry<String, PipeFeaturesMonthlyRecord> e : before.entrySet()) {
            if (!YearMonth.from(e.getValue().getMonthStart()).isBefore(T)) {
                assertThat(after.get(e.getKey()).getLabelBreaks()).as(e.getKey())
                        .isEqualTo(e.getValue().getLabelBreaks());
                assertThat(after.get(e.getKey()).getLabelAny()).as(e.getKey())
                        .isEqualTo(e.getValue().getLabelAny());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(4 * 31);
        assertThat(after.get("P4@2002-05-01").getLabelBreaks()).as("the month before T does see T")
                .isEqualTo(before.get("P4@2002-05-01").getLabelBreaks() + 1);
        assertThat(after.get("P4@2002-06-01").getBreaks_12m()).isEqualTo(2);
    }
}
