package io.breakwater.features;

import static io.breakwater.db.schema.Tables.ASSET_NEIGHBOURS;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_BREAKS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_MONTHS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.FeatureSetsRecord;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

class FeatureBuildTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static FeatureBuildResult build(BreakwaterStore store, Grain grain, int horizon) {
        return FeatureBuild.on(store).clock(CLOCK)
                .run(FeatureSetDefinition.builder().grain(grain).horizonMonths(horizon).build());
    }

    static PipeFeaturesMonthlyRecord row(BreakwaterStore store, String fs, String asset, String month) {
        return store.dsl().selectFrom(PIPE_FEATURES_MONTHLY)
                .where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(fs), PIPE_FEATURES_MONTHLY.ASSET_ID.eq(asset),
                        PIPE_FEATURES_MONTHLY.MONTH_START.eq(YearMonth.parse(month).atDay(1)))
                .fetchOne();
    }

    @EachStore
    void pipePanelIsDenseAndCountsBreaksInEveryWindow(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        FeatureBuildResult result = build(store, Grain.pipe(), 3);
        String fs = result.featureSetId();

        assertThat(fs).isEqualTo("panel-pipe-h3@1");
        assertThat(result.firstMonth()).isEqualTo(YearMonth.of(2000, 1));
        assertThat(result.lastMonth()).isEqualTo(YearMonth.of(2004, 12));
        assertThat(result.assetCount()).isEqualTo(4);
        assertThat(result.monthCount()).isEqualTo(60);
        assertThat(result.rowCount()).isEqualTo(240);
        assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(240);
        assertThat(result.breaksInPanel()).isEqualTo(7);
        assertThat(result.breaksUnassigned()).isEqualTo(1);
        assertThat(result.breaksBeforeInstall()).isEqualTo(1);
        assertThat(result.inputRuns()).containsExactly(SmallCity.RUN_PIPES, SmallCity.RUN_BREAKS,
                SmallCity.RUN_CLIMATE, SmallCity.RUN_SOIL);
        assertThat(store.dsl().select(org.jooq.impl.DSL.sum(PIPE_FEATURES_MONTHLY.BREAKS_IN_MONTH))
                .from(PIPE_FEATURES_MONTHLY).fetchOne(0, Integer.class)).isEqualTo(7);

        // P1 broke in 2000-01, twice in 2000-03 and in 2002-07
        PipeFeaturesMonthlyRecord march = row(store, fs, "P1", "2000-03");
        assertThat(march.getBreaksInMonth()).isEqualTo(2);
        assertThat(march.getBreaksLag_1()).isZero();
        assertThat(march.getBreaksLag_2()).isEqualTo(1);
        assertThat(march.getBreaksLag_3()).as("no month before the panel").isNull();
        assertThat(march.getBreaks_3m()).isEqualTo(3);
        assertThat(march.getBreaksCumulative()).isEqualTo(3);
        assertThat(march.getMonthsSinceLastBreak()).isZero();
        assertThat(march.getBreaksPerKm_12m()).isCloseTo(3 / 0.12, within(1e-9));
        assertThat(march.getLabelBreaks()).as("April..June 2000").isZero();
        assertThat(march.getLabelAny()).isFalse();
        assertThat(march.getNeighbourBreaks_12m()).as("P2 is within 100 m, broke 2000-06").isZero();

        PipeFeaturesMonthlyRecord jan = row(store, fs, "P1", "2000-01");
        assertThat(jan.getBreaksLag_1()).isNull();
        assertThat(jan.getMonthsSinceLastBreak()).isZero();
        assertThat(jan.getLabelBreaks()).as("Feb..Apr 2000").isEqualTo(2);
        assertThat(jan.getLabelAny()).isTrue();

        PipeFeaturesMonthlyRecord later = row(store, fs, "P1", "2002-06");
        assertThat(later.getBreaksInMonth()).isZero();
        assertThat(later.getBreaks_12m()).isZero();
        assertThat(later.getBreaks_36m()).isEqualTo(3);
        assertThat(later.getMonthsSinceLastBreak()).isEqualTo(27);
        assertThat(later.getNeighbourBreaks_36m()).isEqualTo(1);
        assertThat(later.getLabelBreaks()).isEqualTo(1);
        assertThat(later.getPipeAgeYears()).isCloseTo(42 + 5 / 12.0, within(1e-9));
        assertThat(later.getMaterial()).isEqualTo("cast_iron");
        assertThat(later.getSoilCorrosivity()).isEqualTo(0.7);
        assertThat(later.getExposureKm()).isEqualTo(0.12);
        assertThat(later.getLogLength()).isCloseTo(Math.log(120), within(1e-9));
        assertThat(later.getMonthSin()).isCloseTo(Math.sin(2 * Math.PI * 5 / 12), within(1e-12));
        assertThat(later.getBeforeInstall()).isFalse();

        // labels are NULL where the 3-month window passes the end of data
        assertThat(row(store, fs, "P1", "2004-09").getLabelBreaks()).isZero();
        assertThat(row(store, fs, "P1", "2004-10").getLabelBreaks()).isNull();
        assertThat(row(store, fs, "P1", "2004-10").getLabelAny()).isNull();
        assertThat(row(store, fs, "P4", "2004-10").getBreaks_3m()).isZero();
        assertThat(row(store, fs, "P4", "2004-11").getBreaksInMonth()).isEqualTo(1);

        // working tables are emptied
        assertThat(store.dsl().fetchCount(FEATURE_BUILD_BREAKS)).isZero();
        assertThat(store.dsl().fetchCount(FEATURE_BUILD_MONTHS)).isZero();
    }

    @EachStore
    void beforeItsRecordedInstallYearAPipesMaterialDiameterAndAgeAreUnknown(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        String fs = build(store, Grain.pipe(), 12).featureSetId();
        PipeFeaturesMonthlyRecord broke = row(store, fs, "P2", "2000-06");
        assertThat(broke.getBreaksInMonth()).isEqualTo(1);
        assertThat(broke.getBeforeInstall()).isTrue();
        assertThat(broke.getMaterial()).isNull();
        assertThat(broke.getDiameterMm()).isNull();
        assertThat(broke.getPipeAgeYears()).isNull();
        assertThat(broke.getLengthM()).isEqualTo(120.0);
        PipeFeaturesMonthlyRecord installed = row(store, fs, "P2", "2001-01");
        assertThat(installed.getBeforeInstall()).isFalse();
        assertThat(installed.getMaterial()).isEqualTo("pvc");
        assertThat(installed.getDiameterMm()).isEqualTo(200.0);
        assertThat(installed.getPipeAgeYears()).isZero();
        PipeFeaturesMonthlyRecord unknownInstall = row(store, fs, "P4", "2000-01");
        assertThat(unknownInstall.getBeforeInstall()).isNull();
        assertThat(unknownInstall.getPipeAgeYears()).isNull();
        assertThat(unknownInstall.getMaterial()).isEqualTo("unknown");
        assertThat(store.dsl().select(FEATURE_ASSETS.BREAKS_BEFORE_INSTALL).from(FEATURE_ASSETS)
                .where(FEATURE_ASSETS.ASSET_ID.eq("P2")).fetchOne(0, Integer.class)).isEqualTo(1);
        assertThat(store.dsl().fetchOne(FEATURE_SETS).getBreaksBeforeInstall()).isEqualTo(1);
    }

    @EachStore
    void missingClimateStaysNullAndWindowsNeedEveryMonth(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        String fs = build(store, Grain.area(), 12).featureSetId();
        PipeFeaturesMonthlyRecord first = row(store, fs, "A1", "2000-01");
        assertThat(first.getTMean()).isCloseTo(-5.0, within(1e-9));
        assertThat(first.getTMean_6m()).as("1999-08..2000-01 are read before the panel").isNotNull();
        PipeFeaturesMonthlyRecord gap = row(store, fs, "A1", "2003-08");
        assertThat(gap.getTMean()).isNull();
        assertThat(gap.getFreezingIndex()).isNull();
        assertThat(gap.getTMean_3m()).isNull();
        assertThat(gap.getPrecipMm()).isEqualTo(68.0);
        assertThat(gap.getPrecipMm_3m()).isEqualTo(66.0 + 67.0 + 68.0);
        PipeFeaturesMonthlyRecord partial = row(store, fs, "A1", "2004-02");
        assertThat(partial.getTMean()).isNotNull();
        assertThat(partial.getTMean_3m()).as("2003-12 is missing").isNull();
        assertThat(row(store, fs, "A1", "2004-03").getTMean_3m()).isNotNull();
        assertThat(row(store, fs, "A1", "2004-03").getTMean_6m()).isNull();
        assertThat(store.dsl().fetchOne(FEATURE_SETS).getClimateSeriesId()).isEqualTo(SmallCity.SERIES);
    }

    @EachStore
    void areaPanelReconcilesWithBreaksAndAdjacentAreasAreNeighbours(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        FeatureBuildResult result = build(store, Grain.area(), 1);
        assertThat(result.rowCount()).isEqualTo(3 * 60);
        assertThat(result.breaksInPanel()).isEqualTo(8);
        assertThat(result.breaksUnassigned()).isZero();
        assertThat(store.dsl().select(ASSET_NEIGHBOURS.ASSET_ID, ASSET_NEIGHBOURS.NEIGHBOUR_ID)
                .from(ASSET_NEIGHBOURS).orderBy(ASSET_NEIGHBOURS.ASSET_ID).fetch()
                .map(r -> r.value1() + "-" + r.value2())).containsExactly("A1-A2", "A2-A1");
        String fs = result.featureSetId();
        PipeFeaturesMonthlyRecord a2 = row(store, fs, "A2", "2003-02");
        assertThat(a2.getBreaksInMonth()).isEqualTo(1);
        assertThat(a2.getNeighbourBreaks_36m()).as("A1: 2000-03 (x2), 2000-06, 2002-07").isEqualTo(4);
        assertThat(a2.getExposureKm()).isCloseTo(0.12, within(1e-9));
        assertThat(a2.getAreaKm2()).isEqualTo(0.89);
        assertThat(a2.getPipeAgeYears()).isNull();
        assertThat(row(store, fs, "A1", "2000-01").getSoilCorrosivity()).isEqualTo(0.7);
        assertThat(row(store, fs, "A2", "2000-01").getSoilCorrosivity()).isNull();
        assertThat(row(store, fs, "A3", "2004-11").getLabelBreaks()).isEqualTo(1);
        assertThat(row(store, fs, "A3", "2004-12").getLabelBreaks()).isNull();
    }

    @EachStore
    void gridCellsCoverTheServiceAreaAndHoldEveryBreak(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        FeatureBuildResult result = build(store, Grain.grid(500), 12);
        assertThat(result.featureSetId()).isEqualTo("panel-grid-500-h12@1");
        assertThat(result.breaksInPanel()).isEqualTo(8);
        assertThat(result.breaksUnassigned()).isZero();
        // the areas span 1.6 x 1.1 km (A1, A2) and 0.8 x 1.1 km (A3), 6.4 km apart: the cells between are dropped
        assertThat(result.assetCount()).as("4 x 3 cells over A1-A2, 3 x 3 over A3").isEqualTo(21);
        assertThat(result.rowCount()).isEqualTo(result.assetCount() * 60);
        double km2 = store.dsl().select(org.jooq.impl.DSL.sum(FEATURE_ASSETS.AREA_KM2)).from(FEATURE_ASSETS)
                .fetchOne(0, Double.class);
        assertThat(km2).as("cells clipped to the three areas").isCloseTo(3 * 0.80 * 1.11, within(0.05));
        assertThat(store.dsl().select(org.jooq.impl.DSL.sum(PIPE_FEATURES_MONTHLY.BREAKS_IN_MONTH))
                .from(PIPE_FEATURES_MONTHLY).fetchOne(0, Integer.class)).isEqualTo(8);
    }

    @EachStore
    void rebuildingTheSameVersionReplacesItAndAnotherDefinitionNeedsANewVersion(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        FeatureBuildResult first = build(store, Grain.pipe(), 12);
        FeatureSetsRecord before = store.dsl().fetchOne(FEATURE_SETS);
        assertThat(first.replacedPrevious()).isFalse();
        assertThat(before.getAsOf()).isEqualTo(LocalDateTime.of(2026, 11, 21, 10, 0));
        assertThat(before.getDefinitionHash()).hasSize(64).isEqualTo(first.definitionHash());
        assertThat(before.getInputRuns()).isEqualTo("[12,13,14,15]");

        SmallCity.addBreak(store.dsl(), "extra", "P3", "A2", LocalDate.of(2001, 5, 5));
        FeatureBuildResult second = FeatureBuild.on(store)
                .clock(Clock.offset(CLOCK, java.time.Duration.ofHours(1)))
                .run(FeatureSetDefinition.builder().grain(Grain.pipe()).build());
        assertThat(second.replacedPrevious()).isTrue();
        assertThat(second.definitionHash()).isEqualTo(first.definitionHash());
        assertThat(store.dsl().fetchCount(FEATURE_SETS)).isEqualTo(1);
        assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(240);
        assertThat(store.dsl().fetchCount(FEATURE_ASSETS)).isEqualTo(4);
        assertThat(store.dsl().fetchOne(FEATURE_SETS).getBreaksInPanel()).isEqualTo(8);
        assertThat(store.dsl().fetchOne(FEATURE_SETS).getBuiltAt()).isEqualTo(LocalDateTime.of(2026, 11, 21, 11, 0));

        FeatureSetDefinition changed = FeatureSetDefinition.builder().grain(Grain.pipe())
                .neighbourDistanceM(250).build();
        assertThatThrownBy(() -> FeatureBuild.on(store).run(changed))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("panel-pipe-h12@1 already exists").hasMessageContaining("new version")
                .satisfies(e -> assertThat(((BreakwaterException) e).errorCode())
                        .isEqualTo(ErrorCode.INVALID_CONFIGURATION));
        assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(240);

        FeatureBuildResult v2 = FeatureBuild.on(store).run(FeatureSetDefinition.builder().grain(Grain.pipe())
                .neighbourDistanceM(250).version("2").build());
        assertThat(v2.featureSetId()).isEqualTo("panel-pipe-h12@2");
        assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(480);
    }

    @EachStore
    void aFailedBuildLeavesThePreviousFeatureSetInPlace(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        build(store, Grain.pipe(), 12);
        // a pipe whose geometry is not WKT makes the rebuild fail after the previous rows were deleted
        store.dsl().update(io.breakwater.db.schema.Tables.PIPES)
                .set(io.breakwater.db.schema.Tables.PIPES.GEOMETRY_WKT, "LINESTRING (oops)")
                .where(io.breakwater.db.schema.Tables.PIPES.PIPE_ID.eq("P3")).execute();
        assertThatThrownBy(() -> build(store, Grain.pipe(), 12))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("pipes.geometry_wkt of pipe P3").hasMessageContaining("LINESTRING (oops)");
        assertThat(store.dsl().fetchCount(PIPE_FEATURES_MONTHLY)).isEqualTo(240);
        assertThat(store.dsl().fetchCount(FEATURE_SETS)).isEqualTo(1);
    }

    @EachStore
    void progressReportsEveryStepAndASummary(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        List<String> events = new ArrayList<>();
        FeatureBuild.on(store).progress(new ProgressListener() {
            @Override
            public void started(String step, long totalUnits, String unit) {
                events.add("start " + totalUnits + " " + unit);
            }

            @Override
            public void progressed(String step, long unitsDone) {
                events.add("at " + unitsDone);
            }

            @Override
            public void finished(String step, String summary) {
                events.add(summary);
            }
        }).run(FeatureSetDefinition.builder().grain(Grain.area()).build());
        assertThat(events).startsWith("start 7 steps", "at 1").contains("at 7");
        assertThat(events.get(events.size() - 1)).startsWith("feature set panel-area-h12@1: 3 assets x 60 months = 180 rows");
    }

    @EachStoreKind
    void badConfigurationIsRefusedWithWhatWasExpected(TestStores.Kind kind) {
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            assertThatThrownBy(() -> build(store, Grain.area(), 12)).hasMessageContaining("pipe_breaks_clean is empty");
            SmallCity.fill(store.dsl());
            assertThatThrownBy(() -> FeatureBuild.on(store).run(FeatureSetDefinition.builder()
                    .climateSeriesId("NOPE").build()))
                    .hasMessage("climate series 'NOPE' is not in climate_monthly: expected one of [TORONTO-6158350]");
        }
        assertThatThrownBy(() -> FeatureSetDefinition.builder().horizonMonths(6).build())
                .hasMessage("feature set: horizon 6 months: expected 1, 3 or 12");
        assertThatThrownBy(() -> Grain.parse("hex:5"))
                .hasMessage("grain 'hex:5': expected pipe, area or grid:SIZE (SIZE in metres, e.g. grid:500)");
        assertThat(Grain.parse("grid:250")).isEqualTo(Grain.grid(250));
    }

    /** Every row's values by asset and month, for comparisons. */
    static Map<String, PipeFeaturesMonthlyRecord> panel(BreakwaterStore store, String fs) {
        return store.dsl().selectFrom(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(fs))
                .fetch().stream().collect(Collectors.toMap(r -> r.getAssetId() + "@" + r.getMonthStart(), r -> r));
    }
}
