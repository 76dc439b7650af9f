package io.breakwater.etl.climate;

import static io.breakwater.db.schema.Tables.CLIMATE_DAILY;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;

class ClimateIngestIntegrationTests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    static final Path MAPPING = Path.of("../sample-data/toronto/climate-mapping.yaml");

    @TempDir
    Path dir;

    @EachStore
    void torontoSampleLoads336MonthsWithGapsLeftNullAndASecondIngestAddsNothing(BreakwaterStore store) {
        Ingest ingest = Ingest.into(store).withClock(CLOCK);
        ClimateIngest.ClimateReport report = ingest.climate(MAPPING, ClimateAggregationTests.ECCC);
        assertThat(report.runs()).hasSize(28);
        assertThat(report.stations()).containsExactly("6158350");
        assertThat(report.months()).isEqualTo(336);
        assertThat(report.rowsRead()).isEqualTo(report.rowsLoaded() + report.rowsRejected());
        assertThat(report.rowsRead()).isEqualTo(10_227); // 1990-01-01 .. 2017-12-31
        assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY)).isEqualTo(336);
        assertThat(store.dsl().fetchCount(CLIMATE_DAILY)).isEqualTo(10_227);
        assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY, CLIMATE_MONTHLY.MONTH_START.gt(LocalDate.of(2003, 6, 1))
                .and(CLIMATE_MONTHLY.TEMP_COMPLETE.isTrue().or(CLIMATE_MONTHLY.T_MEAN.isNotNull())
                        .or(CLIMATE_MONTHLY.FREEZING_INDEX.isNotNull())))).isZero();

        var jan94 = store.dsl().selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.MONTH_START
                .eq(LocalDate.of(1994, 1, 1))).fetchOne();
        ClimateMonth fromFiles = ClimateAggregationTests.torontoMonths().stream()
                .filter(m -> m.monthStart().equals(LocalDate.of(1994, 1, 1))).findFirst().orElseThrow();
        assertThat(jan94.getFreezingIndex()).isCloseTo(fromFiles.freezingIndex(), within(1e-9));
        assertThat(jan94.getFreezeThawDays()).isEqualTo(fromFiles.freezeThawDays());
        // the change from the previous month crosses the file boundary (December 1993 is in another file)
        var dec93 = store.dsl().selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.MONTH_START
                .eq(LocalDate.of(1993, 12, 1))).fetchOne();
        assertThat(jan94.getTMeanChange()).isCloseTo(jan94.getTMean() - dec93.getTMean(), within(1e-6));

        IngestReport first = report.runs().get(20);
        var gap = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(first.runId()),
                DQ_RESULTS.CHECK_NAME.eq("climate_temperature_complete")).fetchOne();
        assertThat(gap.getStatus()).isEqualTo("warned");
        assertThat(gap.getUnexpectedCount()).isEqualTo(12);

        ClimateIngest.ClimateReport again = ingest.climate(MAPPING, ClimateAggregationTests.ECCC);
        assertThat(again.runs()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("unchanged");
            assertThat(r.counts().inserted() + r.counts().updated()).isZero();
        });
        assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY)).isEqualTo(336);
        assertThat(store.dsl().fetchCount(INGEST_RUNS)).isEqualTo(56);
    }

    @EachStoreKind
    void aMergedSeriesTakesEachMonthFromTheFirstCompleteStationAndReportsTheGaps(TestStores.Kind kind) {
        Path gsom = dir.resolve("airport-gsom.csv");
        StringBuilder sb = new StringBuilder("\"STATION\",\"DATE\",\"PRCP\",\"SNOW\",\"TAVG\",\"TMAX\",\"TMIN\"\n");
        for (int m = 5; m <= 9; m++) {
            sb.append(String.format("\"AIRPORT\",\"2003-%02d\",\"70.0\",\"0.0\",\"18.0\",\"24.0\",\"12.0\"%n", m));
        }
        io.breakwater.etl.env.EnvFixtures.write(gsom, sb.toString());
        Path gsomMapping = io.breakwater.etl.env.EnvFixtures.write(dir.resolve("gsom.yaml"),
                "source: airport\nkind: climate\nformat: { type: gsom }\n");
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            Ingest ingest = Ingest.into(store).withClock(CLOCK);
            ingest.climate(MAPPING, ClimateAggregationTests.ECCC.resolve("eng-daily-01012003-12312003.csv"));
            ingest.climate(gsomMapping, gsom);
            var report = ingest.mergeClimate(new ClimateMerge("toronto-merged", java.util.List.of("6158350", "AIRPORT")));
            var rows = store.dsl().selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.eq("toronto-merged"))
                    .orderBy(CLIMATE_MONTHLY.MONTH_START).fetch();
            assertThat(rows).hasSize(12);
            assertThat(rows.get(0).getSourceStation()).isEqualTo("6158350");
            assertThat(rows.get(5).getSourceStation()).isEqualTo("6158350"); // June 2003: Toronto still complete
            assertThat(rows.get(6).getSourceStation()).isEqualTo("AIRPORT");
            assertThat(rows.get(6).getTMean()).isEqualTo(18.0);
            assertThat(rows.get(8).getSourceStation()).isEqualTo("AIRPORT");
            for (var r : rows.subList(9, 12)) {
                assertThat(r.getTMean()).as("no temperature after 2003-09 at any station").isNull();
            }
            var gaps = store.dsl().selectFrom(DQ_RESULTS).where(DQ_RESULTS.RUN_ID.eq(report.runId()),
                    DQ_RESULTS.CHECK_NAME.eq("climate_merge_gaps")).fetchOne();
            assertThat(gaps.getUnexpectedCount()).isEqualTo(report.rowsFlagged());
        }
    }

    /** The climate_monthly rows of a series, without the series, source station and run. */
    static java.util.List<java.util.List<Object>> monthly(BreakwaterStore store, String series) {
        var fields = java.util.Arrays.stream(CLIMATE_MONTHLY.fields()).filter(f -> f != CLIMATE_MONTHLY.SERIES_ID
                && f != CLIMATE_MONTHLY.SOURCE_STATION && f != CLIMATE_MONTHLY.RUN_ID).toList();
        return store.dsl().select(fields).from(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.eq(series))
                .orderBy(CLIMATE_MONTHLY.MONTH_START).fetch().map(r -> java.util.Arrays.asList(r.intoArray()));
    }

    /** A fixture mapping with a constant station, so that its rows form a series of their own. */
    Path withStation(String fixtureMapping, String station) throws java.io.IOException {
        Path fixtures = ClimateAggregationTests.FIXTURES;
        String text = java.nio.file.Files.readString(fixtures.resolve(fixtureMapping));
        return io.breakwater.etl.env.EnvFixtures.write(dir.resolve(fixtureMapping), text + "station: " + station + "\n");
    }

    @EachStoreKind
    void mappedDailyAndMonthlyCsvsLoadTheSameMonthsAsGhcnDailyAndGsom(TestStores.Kind kind) throws Exception {
        Path fixtures = ClimateAggregationTests.FIXTURES;
        Path ghcnMapping = io.breakwater.etl.env.EnvFixtures.write(dir.resolve("ghcn.yaml"),
                "source: lga-ghcn\nkind: climate\nformat: { type: ghcn-daily }\n");
        Path gsomMapping = io.breakwater.etl.env.EnvFixtures.write(dir.resolve("gsom.yaml"),
                "source: lga-gsom\nkind: climate\nformat: { type: gsom }\nstation: LGA-GSOM\n");
        try (BreakwaterStore store = TestStores.fresh(kind, dir)) {
            Ingest ingest = Ingest.into(store).withClock(CLOCK);
            ingest.climate(ghcnMapping, fixtures.resolve("ghcn-daily-USW00014732.csv"));
            var daily = ingest.climate(withStation("mapped-daily-mapping.yaml", "LGA-CSV"),
                    fixtures.resolve("mapped-daily-USW00014732.csv"));
            assertThat(daily.stations()).containsExactly("LGA-CSV");
            assertThat(daily.rowsLoaded()).isEqualTo(60);
            assertThat(store.dsl().fetchCount(CLIMATE_DAILY, CLIMATE_DAILY.STATION_ID.eq("LGA-CSV"))).isEqualTo(60);
            assertThat(monthly(store, "LGA-CSV")).hasSize(2).isEqualTo(monthly(store, "USW00014732"));

            ingest.climate(gsomMapping, fixtures.resolve("gsom-USW00014732.csv"));
            var months = ingest.climate(withStation("mapped-monthly-mapping.yaml", "LGA-CSV-MONTHLY"),
                    fixtures.resolve("mapped-monthly-USW00014732.csv"));
            assertThat(months.months()).isEqualTo(2);
            assertThat(months.rowsRead()).isEqualTo(2);
            assertThat(months.runs().get(0).rowsLoaded()).isEqualTo(2);
            assertThat(monthly(store, "LGA-CSV-MONTHLY")).hasSize(2).isEqualTo(monthly(store, "LGA-GSOM"));
        }
    }
}
