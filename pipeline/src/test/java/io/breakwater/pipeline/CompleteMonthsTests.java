package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompleteMonthsTests {
    private static final YearMonth FIRST = YearMonth.of(2015, 1);
    private static final YearMonth LAST = YearMonth.of(2024, 12);

    /** Ten years of {@code perMonth} breaks a month. */
    private static SortedMap<YearMonth, Long> steady(long perMonth) {
        SortedMap<YearMonth, Long> counts = new TreeMap<>();
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            counts.put(m, perMonth);
        }
        return counts;
    }

    @Test
    void aCompleteHistoryKeepsItsLastMonth() {
        CompleteMonths.Result result = CompleteMonths.of(steady(100), LocalDate.of(2024, 12, 30));
        assertThat(result.lastComplete()).isEqualTo(LAST);
        assertThat(result.skipped()).isEmpty();
        assertThat(result.summary()).isNull();
    }

    @Test
    void aQuietLastDayOrTwoOfABusyNetworkIsNotAnEarlyStop() {
        assertThat(CompleteMonths.of(steady(100), LocalDate.of(2024, 12, 28)).skipped()).isEmpty();
        assertThat(CompleteMonths.of(steady(100), LocalDate.of(2024, 12, 27)).skipped()).singleElement()
                .satisfies(s -> assertThat(s.reason()).startsWith("newest record on 2024-12-27: about 13 breaks"));
    }

    @Test
    void aLastMonthWhoseDataStopsOnTheNinthIsSkipped() {
        SortedMap<YearMonth, Long> counts = steady(100);
        counts.put(LAST, 29L);
        CompleteMonths.Result result = CompleteMonths.of(counts, LocalDate.of(2024, 12, 9));
        assertThat(result.lastComplete()).isEqualTo(YearMonth.of(2024, 11));
        assertThat(result.skipped()).singleElement().satisfies(s -> {
            assertThat(s.month()).isEqualTo(LAST);
            assertThat(s.breaks()).isEqualTo(29);
            assertThat(s.typical()).isEqualTo(100.0);
            assertThat(s.reason()).isEqualTo("newest record on 2024-12-09: about 71 breaks expected after it, "
                    + "December usually 100");
        });
        assertThat(result.summary()).isEqualTo("latest complete month 2024-11; skipped as incomplete: 2024-12 "
                + "(newest record on 2024-12-09: about 71 breaks expected after it, December usually 100)");
    }

    @Test
    void aTailFarBelowTheSameMonthsOfEarlierYearsIsSkipped() {
        SortedMap<YearMonth, Long> counts = steady(100);
        counts.put(YearMonth.of(2024, 10), 1L);
        counts.put(YearMonth.of(2024, 11), 0L);
        counts.put(YearMonth.of(2024, 12), 3L);
        CompleteMonths.Result result = CompleteMonths.of(counts, LocalDate.of(2024, 12, 28));
        assertThat(result.lastComplete()).isEqualTo(YearMonth.of(2024, 9));
        assertThat(result.skipped()).extracting(CompleteMonths.Skipped::month)
                .containsExactly(YearMonth.of(2024, 10), YearMonth.of(2024, 11), YearMonth.of(2024, 12));
        assertThat(result.skipped().get(0).reason())
                .isEqualTo("1 break, below half the median 100 of October in the previous 5 years");
        // November has no record at all, and the newest record (December 28) is after it: judged by its count
        assertThat(result.skipped().get(1).reason())
                .isEqualTo("0 breaks, below half the median 100 of November in the previous 5 years");
    }

    @Test
    void theTypicalCountIsTheMedianOfTheSameCalendarMonth() {
        // winters busy, summers quiet: a quiet December is judged against Decembers, not against the summer
        SortedMap<YearMonth, Long> counts = steady(10);
        for (int y = 2015; y <= 2024; y++) {
            counts.put(YearMonth.of(y, 12), 200L);
        }
        counts.put(YearMonth.of(2019, 12), 5L); // an outlier year does not move the median
        counts.put(LAST, 90L);
        CompleteMonths.Result result = CompleteMonths.of(counts, LocalDate.of(2024, 12, 31));
        assertThat(result.skipped()).singleElement().satisfies(s -> assertThat(s.typical()).isEqualTo(200.0));
        counts.put(LAST, 110L);
        assertThat(CompleteMonths.of(counts, LocalDate.of(2024, 12, 31)).skipped()).isEmpty();
    }

    @Test
    void smallNetworksKeepAQuietLastWeekOrMonth() {
        // 6 breaks a month: none in the last 20 days or only one in the month is ordinary, not incomplete
        SortedMap<YearMonth, Long> counts = steady(6);
        counts.put(LAST, 1L);
        CompleteMonths.Result result = CompleteMonths.of(counts, LocalDate.of(2024, 12, 11));
        assertThat(result.skipped()).isEmpty();
        assertThat(result.lastComplete()).isEqualTo(LAST);
    }

    @Test
    void monthsAfterTheNewestRecordAreSkippedWhenTheyUsuallySeeBreaks() {
        SortedMap<YearMonth, Long> counts = steady(6);
        counts.put(LAST, 0L);
        counts.put(YearMonth.of(2024, 11), 0L);
        CompleteMonths.Result result = CompleteMonths.of(counts, LocalDate.of(2024, 10, 30));
        assertThat(result.lastComplete()).isEqualTo(YearMonth.of(2024, 10));
        assertThat(result.skipped().get(0).reason()).isEqualTo("no record in the month: about 6 breaks expected "
                + "after it, November usually 6");
    }

    @Test
    void aMonthWithoutTwoPreviousYearsCannotBeJudged() {
        SortedMap<YearMonth, Long> counts = new TreeMap<>();
        for (YearMonth m = YearMonth.of(2023, 6); !m.isAfter(LAST); m = m.plusMonths(1)) {
            counts.put(m, 100L);
        }
        counts.put(LAST, 2L);
        assertThat(CompleteMonths.of(counts, LocalDate.of(2024, 12, 3)).skipped()).isEmpty();
    }

    @Test
    void atMostTwelveMonthsAreSkipped() {
        SortedMap<YearMonth, Long> counts = steady(100);
        for (YearMonth m = YearMonth.of(2023, 1); !m.isAfter(LAST); m = m.plusMonths(1)) {
            counts.put(m, 0L);
        }
        CompleteMonths.Result result = CompleteMonths.of(counts, LocalDate.of(2022, 12, 31));
        assertThat(result.skipped()).hasSize(CompleteMonths.MAX_SKIPPED);
        assertThat(result.lastComplete()).isEqualTo(YearMonth.of(2023, 12));
    }

    @Test
    void filledCountsHaveEveryMonth() {
        SortedMap<YearMonth, Long> filled = CompleteMonths.filled(java.util.Map.of(YearMonth.of(2020, 3), 4L),
                YearMonth.of(2020, 1), YearMonth.of(2020, 4));
        assertThat(filled).containsExactly(java.util.Map.entry(YearMonth.of(2020, 1), 0L),
                java.util.Map.entry(YearMonth.of(2020, 2), 0L), java.util.Map.entry(YearMonth.of(2020, 3), 4L),
                java.util.Map.entry(YearMonth.of(2020, 4), 0L));
    }
}
