package io.breakwater.etl.climate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.etl.SourceMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClimateAggregationTests {
    static final Path ECCC = Path.of("../sample-data/toronto/eccc-daily-6158350");
    static final Path FIXTURES = Path.of("src/test/resources/climate");

    static List<ClimateMonth> torontoMonths() {
        List<DailyObservation> days = new ArrayList<>();
        for (Path f : ClimateFiles.expand(ECCC)) {
            days.addAll(ClimateFiles.read(f, ClimateFormat.ECCC_DAILY, null, CompletenessRule.WMO).days());
        }
        return new MonthlyAggregator(CompletenessRule.WMO).aggregate(days);
    }

    @Test
    void torontoSampleGives336MonthsAndNoTemperatureIsInventedAfterJune2003() {
        List<Path> files = ClimateFiles.expand(ECCC);
        assertThat(files).hasSize(28);
        List<ClimateMonth> months = torontoMonths();
        assertThat(months).hasSize(336);
        assertThat(months).extracting(ClimateMonth::seriesId).containsOnly("6158350");
        assertThat(months.get(0).month()).isEqualTo(YearMonth.of(1990, 1));
        assertThat(months.get(335).month()).isEqualTo(YearMonth.of(2017, 12));

        List<ClimateMonth> after = months.stream().filter(m -> m.month().isAfter(YearMonth.of(2003, 6))).toList();
        assertThat(after).hasSize(336 - 162);
        assertThat(after).allSatisfy(m -> {
            assertThat(m.tempComplete()).isFalse();
            assertThat(m.tMean()).isNull();
            assertThat(m.freezingIndex()).isNull();
            assertThat(m.frostDays()).isNull();
            assertThat(m.freezeThawDays()).isNull();
            assertThat(m.tempDaysObserved()).isZero();
        });
        long completeBefore = months.stream().filter(m -> !m.month().isAfter(YearMonth.of(2003, 6)))
                .filter(ClimateMonth::tempComplete).count();
        assertThat(completeBefore).isGreaterThan(150);
        // precipitation continues after 2003 on part of the days: some months partly observed, never zero-filled
        assertThat(after).anySatisfy(m -> assertThat(m.precipDaysObserved()).isPositive());
        assertThat(after).filteredOn(m -> !m.precipComplete()).allSatisfy(m -> assertThat(m.precipMm()).isNull());
    }

    @Test
    void january1994FreezingIndexAndFreezeThawDaysMatchAHandComputationFromTheRawRows() throws IOException {
        // an independent, deliberately naive parse of the raw file: split on "," and take the max/min columns
        double freezingIndex = 0;
        int freezeThaw = 0;
        int frost = 0;
        double sumMax = 0;
        int n = 0;
        for (String line : Files.readAllLines(ECCC.resolve("eng-daily-01011994-12311994.csv"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("\"1994-01-")) {
                continue;
            }
            String[] f = line.substring(1, line.length() - 1).split("\",\"", -1);
            double max = Double.parseDouble(f[5]);
            double min = Double.parseDouble(f[7]);
            double mean = (max + min) / 2;
            freezingIndex += mean < 0 ? -mean : 0;
            freezeThaw += max > 0 && min < 0 ? 1 : 0;
            frost += min < 0 ? 1 : 0;
            sumMax += max;
            n++;
        }
        assertThat(n).isEqualTo(31);

        ClimateMonth jan = torontoMonths().stream().filter(m -> m.month().equals(YearMonth.of(1994, 1))).findFirst()
                .orElseThrow();
        assertThat(jan.tempComplete()).isTrue();
        assertThat(jan.tempDaysObserved()).isEqualTo(31);
        assertThat(jan.freezingIndex()).isCloseTo(freezingIndex, within(1e-6));
        assertThat(jan.freezeThawDays()).isEqualTo(freezeThaw);
        assertThat(jan.frostDays()).isEqualTo(frost);
        assertThat(jan.tMax()).isCloseTo(sumMax / 31, within(1e-6));
        assertThat(freezingIndex).isGreaterThan(200); // January 1994 was a very cold month in Toronto
    }

    @Test
    void ghcnDailyAndGsomFixturesOfTheSameDaysGiveTheSameMonthlyAggregates() {
        ClimateReading daily = ClimateFiles.read(FIXTURES.resolve("ghcn-daily-USW00014732.csv"),
                ClimateFormat.GHCN_DAILY, null, CompletenessRule.WMO);
        ClimateReading monthly = ClimateFiles.read(FIXTURES.resolve("gsom-USW00014732.csv"), ClimateFormat.GSOM,
                null, CompletenessRule.WMO);
        assertThat(daily.rejects()).isEmpty();
        assertThat(monthly.rejects()).isEmpty();
        assertThat(daily.days()).hasSize(60);
        // raw tenths: the first day's TMAX "2" is 0.2 degC, PRCP "3" is 0.3 mm, SNOW "51" mm is 5.1 cm
        assertThat(daily.days().get(0).tMax()).isEqualTo(0.2);
        assertThat(daily.days().get(0).precipMm()).isEqualTo(0.3);
        assertThat(daily.days().get(0).snowCm()).isEqualTo(5.1);
        // the QC-failed day is dropped, not used
        assertThat(daily.days().stream().filter(d -> d.flags().contains(DailyFlag.FAILED_QC))).hasSize(1);

        List<ClimateMonth> fromDays = new MonthlyAggregator(CompletenessRule.WMO).aggregate(daily.days());
        Map<YearMonth, ClimateMonth> fromGsom = monthly.months().stream()
                .collect(Collectors.toMap(ClimateMonth::month, Function.identity()));
        assertThat(fromDays).hasSize(2);
        assertThat(fromGsom).hasSize(2);
        for (ClimateMonth d : fromDays) {
            ClimateMonth g = fromGsom.get(d.month());
            assertThat(d.tMean()).as("t_mean %s", d.month()).isCloseTo(g.tMean(), within(0.005));
            assertThat(d.tMin()).as("t_min %s", d.month()).isCloseTo(g.tMin(), within(0.005));
            assertThat(d.tMax()).as("t_max %s", d.month()).isCloseTo(g.tMax(), within(0.005));
            assertThat(d.precipMm()).as("precip %s", d.month()).isCloseTo(g.precipMm(), within(1e-6));
            assertThat(d.snowCm()).as("snow %s", d.month()).isCloseTo(g.snowCm(), within(1e-6));
            assertThat(d.frostDays()).as("frost days %s", d.month()).isEqualTo(g.frostDays());
            assertThat(d.tempDaysObserved()).isEqualTo(g.tempDaysObserved());
            assertThat(d.tempComplete()).isEqualTo(g.tempComplete()).isTrue();
        }
        assertThat(fromDays.get(1).tempDaysObserved()).isEqualTo(28); // 29 days in Feb 2020, one failed QC
        assertThat(fromDays.get(1).tMeanChange()).isCloseTo(fromGsom.get(YearMonth.of(2020, 2)).tMeanChange(),
                within(0.01));
    }

    @Test
    void mergeFillsGapsByPriorityAndReportsWhatNoStationCovers() {
        List<ClimateMonth> toronto = torontoMonths();
        // a second station with complete temperature from 2003-01 to 2010-12 only
        List<ClimateMonth> airport = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2003, 1); !m.isAfter(YearMonth.of(2010, 12)); m = m.plusMonths(1)) {
            airport.add(new ClimateMonth("6158733", m, 5.0, 0.0, 10.0, 60.0, 5.0, 10.0, 8, 4, null,
                    m.lengthOfMonth(), m.lengthOfMonth(), m.lengthOfMonth(), true, true, "6158733"));
        }
        LinkedHashMap<String, List<ClimateMonth>> stations = new LinkedHashMap<>();
        stations.put("6158350", toronto);
        stations.put("6158733", airport);
        StationMerge.Result merged = StationMerge.merge("toronto-merged", stations);
        assertThat(merged.months()).hasSize(336);
        Map<YearMonth, ClimateMonth> byMonth = merged.months().stream()
                .collect(Collectors.toMap(ClimateMonth::month, Function.identity()));
        assertThat(byMonth.get(YearMonth.of(1994, 1)).sourceStation()).isEqualTo("6158350");
        assertThat(byMonth.get(YearMonth.of(2005, 1)).sourceStation()).isEqualTo("6158733");
        assertThat(byMonth.get(YearMonth.of(2005, 1)).tMean()).isEqualTo(5.0);
        // after 2010 neither station has complete temperature: Toronto's partial precipitation months may still
        // supply precipitation; months with nothing complete are gaps with null values
        assertThat(merged.gaps()).isNotEmpty().allSatisfy(g -> assertThat(g).isAfter(YearMonth.of(2010, 12)));
        assertThat(merged.gaps()).allSatisfy(g -> {
            ClimateMonth row = byMonth.get(g);
            assertThat(row.tMean()).isNull();
            assertThat(row.precipMm()).isNull();
            assertThat(row.sourceStation()).isNull();
        });
        // 96 airport months, of which Toronto itself covers 2003-01..2003-06 first
        assertThat(merged.monthsByStation().get("6158733")).isEqualTo(90);
    }

    /**
     * Reads a file through a mapping (a fixture of {@code src/test/resources/climate} or a path). The mapped fixtures
     * were converted by hand-rule from the NOAA fixtures, exactly in decimal: {@code mapped-daily-USW00014732.csv}
     * from {@code ghcn-daily-USW00014732.csv} (TMAX/TMIN tenths of degC x 0.18 + 32 as degF, PRCP tenths of mm / 100
     * as cm, SNOW mm as is, date MM/dd/yyyy, flag T for MFLAG T and X for a non-blank QFLAG, ';'-separated, two
     * comment lines, ISO-8859-1); {@code mapped-monthly-USW00014732.csv} from {@code gsom-USW00014732.csv} (TAVG, TMAX,
     * TMIN x 1.8 + 32 as degF, PRCP / 10 as cm, SNOW mm, DT32 as frost days, the missing-day counts of
     * TMAX_ATTRIBUTES and PRCP_ATTRIBUTES, year and month columns). Change them only together with their source.
     */
    static ClimateReading mapped(String mapping, Path file) {
        return ClimateFiles.read(file, SourceMapping.read(mapping.startsWith("..") ? Path.of(mapping)
                : FIXTURES.resolve(mapping)), CompletenessRule.WMO);
    }

    @Test
    void theTorontoSampleReadThroughACsvDailyMappingGivesTheSameMonthsAsTheEcccReader() {
        List<DailyObservation> days = new ArrayList<>();
        for (Path f : ClimateFiles.expand(ECCC)) {
            ClimateReading reading = mapped("../sample-data/toronto/climate-csv-daily-mapping.yaml", f);
            assertThat(reading.format()).isEqualTo(ClimateFormat.CSV_DAILY);
            assertThat(reading.rejects()).isEmpty();
            days.addAll(reading.days());
        }
        assertThat(days).hasSize(10_227);
        List<ClimateMonth> months = new MonthlyAggregator(CompletenessRule.WMO).aggregate(days);
        assertThat(months).hasSize(336).isEqualTo(torontoMonths());
    }

    @Test
    void aMappedDailyCsvOfTheGhcnDaysInFahrenheitAndCentimetresGivesTheSameMonthlyAggregates() {
        ClimateReading ghcn = ClimateFiles.read(FIXTURES.resolve("ghcn-daily-USW00014732.csv"),
                ClimateFormat.GHCN_DAILY, null, CompletenessRule.WMO);
        ClimateReading csv = mapped("mapped-daily-mapping.yaml", FIXTURES.resolve("mapped-daily-USW00014732.csv"));
        assertThat(csv.rejects()).isEmpty();
        assertThat(csv.rowsRead()).isEqualTo(60);
        assertThat(csv.stationId()).isEqualTo("USW00014732");
        // same days, same values: degF, cm and mm converted; the trace and the QC-failed value flagged as GHCN's are
        assertThat(csv.days()).extracting(DailyObservation::date, DailyObservation::tMax, DailyObservation::tMin,
                DailyObservation::precipMm, DailyObservation::snowCm).containsExactlyElementsOf(ghcn.days().stream()
                        .map(d -> org.assertj.core.groups.Tuple.tuple(d.date(), d.tMax(), d.tMin(), d.precipMm(),
                                d.snowCm())).toList());
        assertThat(csv.days().stream().filter(d -> d.flags().contains(DailyFlag.FAILED_QC))).hasSize(1);
        assertThat(csv.days().stream().filter(d -> d.flags().contains(DailyFlag.TRACE)))
                .hasSameSizeAs(ghcn.days().stream().filter(d -> d.flags().contains(DailyFlag.TRACE)).toList());
        MonthlyAggregator aggregator = new MonthlyAggregator(CompletenessRule.WMO);
        assertThat(aggregator.aggregate(csv.days())).hasSize(2).isEqualTo(aggregator.aggregate(ghcn.days()));
    }

    @Test
    void aMappedMonthlyCsvOfTheGsomMonthsByYearAndMonthColumnsGivesTheSameAsGsom() {
        ClimateReading gsom = ClimateFiles.read(FIXTURES.resolve("gsom-USW00014732.csv"), ClimateFormat.GSOM, null,
                CompletenessRule.WMO);
        ClimateReading csv = mapped("mapped-monthly-mapping.yaml", FIXTURES.resolve("mapped-monthly-USW00014732.csv"));
        assertThat(csv.format()).isEqualTo(ClimateFormat.CSV_MONTHLY);
        assertThat(csv.rejects()).isEmpty();
        assertThat(csv.days()).isEmpty();
        assertThat(csv.months()).hasSize(2).isEqualTo(gsom.months());
        assertThat(csv.months().get(1).tempDaysObserved()).isEqualTo(28); // one of 29 days missing, as GSOM says
    }
}
