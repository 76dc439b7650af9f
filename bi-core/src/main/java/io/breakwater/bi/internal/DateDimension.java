package io.breakwater.bi.internal;

import io.breakwater.db.schema.tables.records.DimDateRecord;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@code dim_date}: one row per day from 1 January of the first year to 31 December of the last, which is what
 * Power BI asks of a date table (unique, contiguous, whole years, no blanks).
 */
public final class DateDimension {
    private DateDimension() {
    }

    /** The key of a day: yyyymmdd as an integer. */
    public static int key(LocalDate date) {
        return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    /** The key of the first day of the day's month. */
    public static int monthKey(LocalDate date) {
        return date.getYear() * 10000 + date.getMonthValue() * 100 + 1;
    }

    /** The day a key stands for. */
    public static LocalDate date(int key) {
        return LocalDate.of(key / 10000, key / 100 % 100, key % 100);
    }

    public static String season(int monthOfYear) {
        return switch (monthOfYear) {
            case 12, 1, 2 -> "winter";
            case 3, 4, 5 -> "spring";
            case 6, 7, 8 -> "summer";
            default -> "autumn";
        };
    }

    /** Every day of the years {@code firstYear..lastYear}, as detached records. */
    static List<DimDateRecord> rows(int firstYear, int lastYear) {
        List<DimDateRecord> rows = new ArrayList<>();
        for (LocalDate d = LocalDate.of(firstYear, 1, 1); d.getYear() <= lastYear; d = d.plusDays(1)) {
            int month = d.getMonthValue();
            int quarter = (month - 1) / 3 + 1;
            DimDateRecord r = new DimDateRecord();
            r.setDateKey(key(d));
            r.setFullDate(d);
            r.setYear(d.getYear());
            r.setQuarter(quarter);
            r.setQuarterLabel("Q" + quarter);
            r.setMonthOfYear(month);
            r.setMonthName(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            r.setMonthShort(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            r.setYearMonth(String.format(Locale.ROOT, "%04d-%02d", d.getYear(), month));
            r.setMonthKey(monthKey(d));
            r.setMonthStart(d.withDayOfMonth(1));
            r.setDayOfMonth(d.getDayOfMonth());
            r.setDayOfWeek(d.getDayOfWeek().getValue());
            r.setDayName(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            r.setDayOfYear(d.getDayOfYear());
            r.setIsoWeek(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            r.setIsWeekend(d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
            r.setSeason(season(month));
            rows.add(r);
        }
        return rows;
    }
}
