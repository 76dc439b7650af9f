package io.breakwater.etl.climate;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.etl.env.QualityResult;
import io.breakwater.etl.env.StepReport;
import io.breakwater.etl.env.internal.StepRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a merged monthly series in {@code climate_monthly} from stations already loaded, in priority order
 * ({@link StationMerge}): each month from the first station that has it complete, {@code source_station} naming it;
 * months no station covers stay as empty rows and are reported in {@code dq_results}
 * ({@code climate_merge_gaps}). Replaces the series' earlier rows; one transaction.
 */
public final class ClimateMerge {
    private ClimateMerge() {
    }

    public static StepReport run(BreakwaterStore store, String seriesId, List<String> stationsInPriority, Clock clock) {
        Instant t0 = clock.instant();
        LocalDateTime started = LocalDateTime.now(clock);
        if (stationsInPriority.isEmpty() || stationsInPriority.contains(seriesId)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "climate merge '" + seriesId
                    + "': expected one or more stations other than the merged series itself, got " + stationsInPriority);
        }
        var dsl = store.dsl();
        LinkedHashMap<String, List<ClimateMonth>> stations = new LinkedHashMap<>();
        for (String s : stationsInPriority) {
            List<ClimateMonth> months = dsl.selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.eq(s))
                    .orderBy(CLIMATE_MONTHLY.MONTH_START).fetch().map(ClimateMerge::month);
            if (months.isEmpty()) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, "climate merge '" + seriesId + "': station '" + s
                        + "' has no months in climate_monthly; ingest it first");
            }
            stations.put(s, months);
        }
        StationMerge.Result merged = StationMerge.merge(seriesId, stations);
        long n = merged.months().size();
        QualityResult gaps = new QualityResult("climate_merge_gaps", "climate_monthly", "source_station", "warn_run",
                merged.gaps().isEmpty() ? "passed" : "warned", n, merged.gaps().size(), null,
                n == 0 ? null : (double) (n - merged.gaps().size()) / n,
                merged.gaps().isEmpty() ? null : merged.gaps().subList(0, Math.min(5, merged.gaps().size())).toString(),
                merged.gaps().size() + " of " + n + " months with no complete record at any station (left empty)");
        long[] runId = new long[1];
        dsl.transaction(cfg -> {
            var tx = cfg.dsl();
            runId[0] = StepRecorder.nextRunId(tx);
            tx.deleteFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.eq(seriesId)).execute();
            List<ClimateMonthlyRecord> rows = new ArrayList<>();
            for (ClimateMonth m : merged.months()) {
                rows.add(toRecord(tx.newRecord(CLIMATE_MONTHLY), m, runId[0]));
            }
            tx.batchInsert(rows).execute();
            StepRecorder.insertQuality(tx, runId[0], List.of(gaps), clock);
            StepRecorder.insertRun(tx, runId[0], "climate_merge", seriesId, String.join(",", stationsInPriority), null,
                    null, "full_refresh", new StepRecorder.RunCounts(n, n, n, 0, 0, 0, merged.gaps().size()),
                    "succeeded", started, clock);
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("monthsByStation", merged.monthsByStation());
        details.put("gaps", merged.gaps().stream().map(YearMonth::toString).toList());
        return new StepReport(runId[0], "climate_merge", seriesId, "succeeded", n, n, n, 0, 0, merged.gaps().size(),
                Map.of(), List.of(gaps), details, Duration.between(t0, clock.instant()));
    }

    static ClimateMonth month(ClimateMonthlyRecord r) {
        return new ClimateMonth(r.getSeriesId(), YearMonth.from(r.getMonthStart()), r.getTMean(), r.getTMin(),
                r.getTMax(), r.getPrecipMm(), r.getSnowCm(), r.getFreezingIndex(), r.getFrostDays(),
                r.getFreezeThawDays(), r.getTMeanChange(), r.getDaysObserved(), r.getTempDaysObserved(),
                r.getPrecipDaysObserved(), Boolean.TRUE.equals(r.getTempComplete()),
                Boolean.TRUE.equals(r.getPrecipComplete()), r.getSeriesId());
    }

    static ClimateMonthlyRecord toRecord(ClimateMonthlyRecord r, ClimateMonth m, long runId) {
        r.setSeriesId(m.seriesId());
        r.setMonthStart(m.monthStart());
        r.setYear(m.month().getYear());
        r.setMonthOfYear(m.month().getMonthValue());
        r.setTMean(m.tMean());
        r.setTMin(m.tMin());
        r.setTMax(m.tMax());
        r.setPrecipMm(m.precipMm());
        r.setSnowCm(m.snowCm());
        r.setFreezingIndex(m.freezingIndex());
        r.setFrostDays(m.frostDays());
        r.setFreezeThawDays(m.freezeThawDays());
        r.setTMeanChange(m.tMeanChange());
        r.setDaysInMonth(m.daysInMonth());
        r.setDaysObserved(m.daysObserved());
        r.setTempDaysObserved(m.tempDaysObserved());
        r.setPrecipDaysObserved(m.precipDaysObserved());
        r.setTempComplete(m.tempComplete());
        r.setPrecipComplete(m.precipComplete());
        r.setSourceStation(m.sourceStation());
        r.setRunId(runId);
        return r;
    }
}
