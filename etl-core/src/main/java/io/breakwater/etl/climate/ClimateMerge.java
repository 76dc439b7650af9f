package io.breakwater.etl.climate;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.Severity;
import io.breakwater.etl.StagedTable;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a merged monthly series in {@code climate_monthly} from stations already loaded, in priority order
 * ({@link StationMerge}): each month from the first station that has it complete, {@code source_station} naming it;
 * months no station covers stay as empty rows and are reported in {@code dq_results}
 * ({@code climate_merge_gaps}). Replaces the series' earlier rows; one transaction.
 */
public final class ClimateMerge implements IngestRun.Work {
    private final String seriesId;
    private final List<String> stationsInPriority;
    private StationMerge.Result merged;
    private StagedTable stage;

    /**
     * Merges {@code stationsInPriority} (stations already loaded, first preferred) into the series {@code seriesId};
     * run it through {@link io.breakwater.etl.Ingest#mergeClimate}.
     */
    public ClimateMerge(String seriesId, List<String> stationsInPriority) {
        if (seriesId == null || seriesId.isBlank() || stationsInPriority.isEmpty()
                || stationsInPriority.contains(seriesId)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "climate merge '" + seriesId
                    + "': expected one or more stations other than the merged series itself, got " + stationsInPriority);
        }
        this.seriesId = seriesId;
        this.stationsInPriority = List.copyOf(stationsInPriority);
    }

    /** The run this step is: it writes the series from the stations, in priority order. */
    public IngestRun.Spec spec() {
        return IngestRun.Spec.derived("climate_merge", seriesId, "stations " + String.join(",", stationsInPriority));
    }

    /** Months each station gave the merged series, after {@link #stage}. */
    public Map<String, Integer> monthsByStation() {
        return merged.monthsByStation();
    }

    @Override
    public void stage(IngestRun run) {
        var dsl = run.store().dsl();
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
        merged = StationMerge.merge(seriesId, stations);
        long n = merged.months().size();
        QualityCheck gaps = run.checks().define("climate_merge_gaps", "climate_monthly", "source_station",
                Severity.WARN_RUN, 1.0, "every month has a complete record at some station");
        gaps.measure(n, merged.gaps().size(), n == 0 ? null : (double) (n - merged.gaps().size()) / n,
                merged.gaps().size() + " of " + n + " months with no complete record at any station (left empty)");
        merged.gaps().stream().limit(5).forEach(month -> gaps.sample(month.toString()));
        run.countRows(n, merged.gaps().size());
        stage = run.stage(CLIMATE_MONTHLY);
        for (ClimateMonth m : merged.months()) {
            stage.add(toRecord(new ClimateMonthlyRecord(), m, run.runId()).intoArray());
        }
    }

    /** Replaces the series' months by key: a rerun on the same stations changes no row. */
    @Override
    public LoadCounts persist(IngestRun run) {
        return stage.mergeInto(List.of(CLIMATE_MONTHLY.SERIES_ID, CLIMATE_MONTHLY.MONTH_START), List.of(),
                CLIMATE_MONTHLY.SERIES_ID.eq(seriesId));
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
