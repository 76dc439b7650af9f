package io.breakwater.db.testing;

import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import java.time.LocalDate;

/** Shared test fixture (published in db-contracts' test-jar): {@code climate_monthly} rows for tests to fill in. */
public final class ClimateMonths {
    private ClimateMonths() {
    }

    /**
     * The month of {@code series} that starts on {@code monthStart}, its temperature and precipitation observed on
     * every day, written by run {@code runId}; its values (temperatures, precipitation, indices) are left unset.
     */
    public static ClimateMonthlyRecord observedInFull(String series, LocalDate monthStart, long runId) {
        int days = monthStart.lengthOfMonth();
        ClimateMonthlyRecord r = new ClimateMonthlyRecord();
        r.setSeriesId(series);
        r.setMonthStart(monthStart);
        r.setYear(monthStart.getYear());
        r.setMonthOfYear(monthStart.getMonthValue());
        r.setDaysInMonth(days);
        r.setDaysObserved(days);
        r.setTempDaysObserved(days);
        r.setPrecipDaysObserved(days);
        r.setTempComplete(true);
        r.setPrecipComplete(true);
        r.setRunId(runId);
        return r;
    }
}
