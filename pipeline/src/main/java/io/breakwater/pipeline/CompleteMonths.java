package io.breakwater.pipeline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which trailing months of a break history are incomplete: what {@code scoreMonth: latest} skips. A pure function of
 * the monthly break counts and the newest record's date, so that the rule can be read and tested on its own.
 *
 * <p>Walking back from the last month, a month is <b>incomplete</b> when either holds:
 * <ol>
 * <li><b>the data stops early</b>: the newest record falls at least {@value #MIN_DAYS_AFTER} days before the month's
 * end (or before the month), and the breaks the month usually sees on the days after it are at least
 * {@value #MIN_MISSING_BREAKS} ({@code typical x days after the newest record / days in the month}); or</li>
 * <li><b>the count is far too low</b>: the month usually sees at least {@value #MIN_TYPICAL_FOR_RATIO} breaks and
 * its count is below {@value #LOW_COUNT_RATIO} of that.</li>
 * </ol>
 * The walk stops at the first complete month; at most {@value #MAX_SKIPPED} months are skipped. <b>Typical</b> is the
 * median count of the same calendar month in the previous {@value #PREVIOUS_YEARS} years of the history; a month
 * with fewer than {@value #MIN_PREVIOUS_YEARS} such years cannot be judged and counts as complete. The thresholds keep
 * small networks (a few breaks a month, where a quiet last week or month is ordinary) from losing complete months,
 * and a busy network from losing one for a quiet last day or two: the chance of seeing no break in days that usually
 * hold 5 is under 1 %, of less than half the usual count of 10 or more about 3 % (Poisson).
 */
public final class CompleteMonths {
    /** Breaks a month usually sees after the newest record at which the data counts as stopped early. */
    public static final double MIN_MISSING_BREAKS = 5.0;
    /** Days after the newest record from which the data can count as stopped early. */
    public static final int MIN_DAYS_AFTER = 4;
    /** Share of the typical count below which a month counts as incomplete. */
    public static final double LOW_COUNT_RATIO = 0.5;
    /** The typical count from which {@link #LOW_COUNT_RATIO} applies. */
    public static final double MIN_TYPICAL_FOR_RATIO = 10.0;
    /** Previous years of the same calendar month whose median is the typical count. */
    public static final int PREVIOUS_YEARS = 5;
    /** Previous years needed to judge a month. */
    public static final int MIN_PREVIOUS_YEARS = 2;
    /** At most this many trailing months are skipped. */
    public static final int MAX_SKIPPED = 12;

    private CompleteMonths() {
    }

    /**
     * One skipped month.
     *
     * @param month   the month
     * @param breaks  its break count
     * @param typical median count of the same calendar month in the previous years
     * @param reason  why, for people
     */
    public record Skipped(YearMonth month, long breaks, double typical, String reason) {
    }

    /**
     * The verdict on a history.
     *
     * @param lastComplete the latest complete month (the history's last month when nothing is skipped)
     * @param skipped      the incomplete trailing months, oldest first
     */
    public record Result(YearMonth lastComplete, List<Skipped> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }

        /** One line for the run output, or null when nothing is skipped. */
        public String summary() {
            if (skipped.isEmpty()) {
                return null;
            }
            return "latest complete month " + lastComplete + "; skipped as incomplete: " + skipped.stream()
                    .map(s -> s.month() + " (" + s.reason() + ")").collect(Collectors.joining(", "));
        }
    }

    /**
     * Judges the trailing months of a history.
     *
     * @param counts breaks per month, every month from the first to the last of the history (missing months count 0)
     * @param newest the date of the newest break record, or null when there is none
     */
    public static Result of(SortedMap<YearMonth, Long> counts, LocalDate newest) {
        Objects.requireNonNull(counts, "counts");
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no months to judge");
        }
        YearMonth first = counts.firstKey();
        YearMonth last = counts.lastKey();
        List<Skipped> skipped = new ArrayList<>();
        YearMonth month = last;
        while (month.isAfter(first) && skipped.size() < MAX_SKIPPED) {
            Skipped verdict = judge(counts, first, month, newest);
            if (verdict == null) {
                break;
            }
            skipped.add(0, verdict);
            month = month.minusMonths(1);
        }
        return new Result(month, skipped);
    }

    /** The month's verdict: null when complete (or when it cannot be judged). */
    static Skipped judge(Map<YearMonth, Long> counts, YearMonth first, YearMonth month, LocalDate newest) {
        List<Long> previous = new ArrayList<>();
        for (int y = 1; y <= PREVIOUS_YEARS; y++) {
            YearMonth same = month.minusYears(y);
            if (same.isBefore(first)) {
                break;
            }
            previous.add(counts.getOrDefault(same, 0L));
        }
        if (previous.size() < MIN_PREVIOUS_YEARS) {
            return null;
        }
        double typical = median(previous);
        long breaks = counts.getOrDefault(month, 0L);
        String usual = String.format(Locale.ROOT, "%s usually %s", name(month), number(typical));
        int days = month.lengthOfMonth();
        int daysAfter = newest == null || newest.isBefore(month.atDay(1)) ? days
                : YearMonth.from(newest).equals(month) ? days - newest.getDayOfMonth() : 0;
        double missing = typical * daysAfter / days;
        if (daysAfter >= MIN_DAYS_AFTER && missing >= MIN_MISSING_BREAKS) {
            String stop = daysAfter == days ? "no record in the month" : "newest record on " + newest;
            return new Skipped(month, breaks, typical, String.format(Locale.ROOT,
                    "%s: about %s breaks expected after it, %s", stop, number(missing), usual));
        }
        if (typical >= MIN_TYPICAL_FOR_RATIO && breaks < LOW_COUNT_RATIO * typical) {
            return new Skipped(month, breaks, typical, String.format(Locale.ROOT,
                    "%d break%s, below half the median %s of %s in the previous %d years", breaks,
                    breaks == 1 ? "" : "s", number(typical), name(month), previous.size()));
        }
        return null;
    }

    /** Zero-filled monthly counts from {@code first} to {@code last}, from sparse counts. */
    public static SortedMap<YearMonth, Long> filled(Map<YearMonth, Long> sparse, YearMonth first, YearMonth last) {
        SortedMap<YearMonth, Long> counts = new TreeMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            counts.put(m, sparse.getOrDefault(m, 0L));
        }
        return counts;
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    private static String name(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String number(double value) {
        return value == Math.rint(value) || value >= 10 ? String.valueOf(Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
