package io.breakwater.etl.climate;

import static io.breakwater.db.schema.Tables.CLIMATE_DAILY;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.ClimateDailyRecord;
import io.breakwater.db.schema.tables.records.ClimateMonthlyRecord;
import io.breakwater.etl.env.QualityResult;
import io.breakwater.etl.env.SourceReject;
import io.breakwater.etl.env.StepReport;
import io.breakwater.etl.env.internal.MappingFile;
import io.breakwater.etl.env.internal.StepRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads climate files (one file, or a folder of yearly files) of one source through its mapping, in one transaction:
 * the days into {@code climate_daily}, the monthly summaries (aggregated from the days, or read from GSOM) into
 * {@code climate_monthly}, replacing the months of the same series. The same input twice changes nothing.
 *
 * <pre>{@code
 * StepReport r = ClimateIngest.run(store, Path.of("climate-mapping.yaml"), Path.of("eccc-daily-6158350"),
 *         Clock.systemUTC(), ProgressListener.NONE);
 * }</pre>
 */
public final class ClimateIngest {
    private ClimateIngest() {
    }

    public static StepReport run(BreakwaterStore store, Path mappingPath, Path fileOrFolder, Clock clock,
            ProgressListener progress) {
        Instant t0 = clock.instant();
        LocalDateTime started = LocalDateTime.now(clock);
        MappingFile mapping = MappingFile.read(mappingPath, "climate");
        String source = mapping.required("source");
        ClimateFormat format = ClimateFormat.of(mapping.text("format.type"), mapping.where("format.type"));
        String station = mapping.text("station");
        CompletenessRule rule = new CompletenessRule(
                mapping.integer("completeness.maxMissingDays", CompletenessRule.WMO.maxMissingDays()),
                mapping.integer("completeness.maxConsecutiveMissing", CompletenessRule.WMO.maxConsecutiveMissing()));
        List<Path> files = ClimateFiles.expand(fileOrFolder);
        String step = "ingest climate";
        progress.started(step, files.size(), "files");
        List<ClimateReading> readings = new ArrayList<>();
        Map<String, Long> lineOffsets = new LinkedHashMap<>();
        long offset = 0;
        for (Path f : files) {
            ClimateReading reading = ClimateFiles.read(f, format, station, rule);
            readings.add(reading);
            lineOffsets.put(reading.file(), offset);
            offset += reading.rowsRead() + 1_000; // rejected_rows is keyed by (run, line): files get disjoint ranges
            progress.progressed(step, readings.size());
        }
        List<DailyObservation> days = new ArrayList<>();
        List<ClimateMonth> months = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        long rowsRead = 0;
        for (ClimateReading r : readings) {
            days.addAll(r.days());
            months.addAll(r.months());
            rejects.addAll(r.rejects());
            rowsRead += r.rowsRead();
        }
        if (format.isDaily()) {
            months = new MonthlyAggregator(rule).aggregate(days);
        }
        String sha = StepRecorder.sha256(files);
        List<ClimateMonth> finalMonths = months;
        long loaded = format.isDaily() ? days.size() : months.size();
        long flagged = format.isDaily() ? days.stream().filter(d -> !d.flags().isEmpty()).count() : 0;
        List<QualityResult> quality = quality(finalMonths, rejects, rowsRead);
        long[] runId = new long[1];
        boolean[] unchanged = new boolean[1];
        long finalRowsRead = rowsRead;
        store.dsl().transaction(cfg -> {
            var dsl = cfg.dsl();
            Long previous = StepRecorder.succeededRunWithSameInput(dsl, "climate", source, sha, mapping.sha256());
            runId[0] = StepRecorder.nextRunId(dsl);
            if (previous != null) {
                unchanged[0] = true;
                StepRecorder.insertRun(dsl, runId[0], "climate", source, fileOrFolder.toString(), sha,
                        mapping.sha256(), "incremental", new StepRecorder.RunCounts(finalRowsRead, loaded, 0, 0,
                                loaded, rejects.size(), flagged), "unchanged", started, clock);
                return;
            }
            Set<String> stations = new HashSet<>();
            days.forEach(d -> stations.add(d.stationId()));
            finalMonths.forEach(m -> stations.add(m.seriesId()));
            if (!days.isEmpty()) {
                var minDate = days.stream().map(DailyObservation::date).min(java.util.Comparator.naturalOrder()).get();
                var maxDate = days.stream().map(DailyObservation::date).max(java.util.Comparator.naturalOrder()).get();
                dsl.deleteFrom(CLIMATE_DAILY).where(CLIMATE_DAILY.STATION_ID.in(stations),
                        CLIMATE_DAILY.OBS_DATE.between(minDate, maxDate)).execute();
                Map<String, ClimateDailyRecord> unique = new LinkedHashMap<>();
                for (DailyObservation d : days) {
                    ClimateDailyRecord r = dsl.newRecord(CLIMATE_DAILY);
                    r.setStationId(d.stationId());
                    r.setObsDate(d.date());
                    r.setTMax(d.tMax());
                    r.setTMin(d.tMin());
                    r.setTMean(d.tMean());
                    r.setPrecipMm(d.precipMm());
                    r.setSnowCm(d.snowCm());
                    r.setFlags(d.flagText());
                    r.setRunId(runId[0]);
                    unique.put(d.stationId() + "|" + d.date(), r);
                }
                dsl.batchInsert(unique.values()).execute();
            }
            List<ClimateMonthlyRecord> rows = new ArrayList<>();
            for (ClimateMonth m : finalMonths) {
                rows.add(toRecord(dsl.newRecord(CLIMATE_MONTHLY), m, runId[0]));
            }
            if (!finalMonths.isEmpty()) {
                YearMonth first = finalMonths.stream().map(ClimateMonth::month).min(YearMonth::compareTo).get();
                YearMonth last = finalMonths.stream().map(ClimateMonth::month).max(YearMonth::compareTo).get();
                dsl.deleteFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.in(stations),
                        CLIMATE_MONTHLY.MONTH_START.between(first.atDay(1), last.atDay(1))).execute();
                dsl.batchInsert(rows).execute();
            }
            StepRecorder.insertRejects(dsl, runId[0], source, rejects, lineOffsets);
            StepRecorder.insertQuality(dsl, runId[0], quality, clock);
            StepRecorder.insertRun(dsl, runId[0], "climate", source, fileOrFolder.toString(), sha, mapping.sha256(),
                    "incremental", new StepRecorder.RunCounts(finalRowsRead, loaded, loaded, 0, 0, rejects.size(),
                            flagged), "succeeded", started, clock);
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("files", files.size());
        details.put("months", finalMonths.size());
        details.put("monthsTemperatureComplete", finalMonths.stream().filter(ClimateMonth::tempComplete).count());
        details.put("monthsPrecipitationComplete", finalMonths.stream().filter(ClimateMonth::precipComplete).count());
        details.put("monthsWithoutAnyObservation", finalMonths.stream().filter(ClimateMonth::isEmpty).count());
        List<String> reasons = new ArrayList<>();
        rejects.forEach(r -> reasons.add(r.rule()));
        StepReport report = new StepReport(runId[0], "climate", source, unchanged[0] ? "unchanged" : "succeeded",
                rowsRead, loaded, unchanged[0] ? 0 : loaded, 0, rejects.size(), flagged,
                StepRecorder.topReasons(reasons, 5), unchanged[0] ? List.of() : quality, details,
                Duration.between(t0, clock.instant()));
        progress.finished(step, report.summary() + String.format("; %d months (%s temperature-complete, %s "
                + "precipitation-complete)", finalMonths.size(), details.get("monthsTemperatureComplete"),
                details.get("monthsPrecipitationComplete")));
        return report;
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

    private static List<QualityResult> quality(List<ClimateMonth> months, List<SourceReject> rejects, long rowsRead) {
        long n = months.size();
        long tempIncomplete = months.stream().filter(m -> !m.tempComplete()).count();
        long precipIncomplete = months.stream().filter(m -> !m.precipComplete()).count();
        return List.of(
                new QualityResult("climate_rows_rejected", "climate_daily", null, "reject_row",
                        rejects.isEmpty() ? "passed" : "failed", rowsRead, rejects.size(), null, null,
                        rejects.isEmpty() ? null : rejects.get(0).message(), rejects.size() + " rows rejected"),
                new QualityResult("climate_temperature_complete", "climate_monthly", "temp_complete", "warn_run",
                        tempIncomplete == 0 ? "passed" : "warned", n, tempIncomplete, null,
                        n == 0 ? null : (double) (n - tempIncomplete) / n, gapSample(months, true),
                        tempIncomplete + " of " + n + " months without complete temperature (values left null)"),
                new QualityResult("climate_precipitation_complete", "climate_monthly", "precip_complete", "warn_run",
                        precipIncomplete == 0 ? "passed" : "warned", n, precipIncomplete, null,
                        n == 0 ? null : (double) (n - precipIncomplete) / n, gapSample(months, false),
                        precipIncomplete + " of " + n + " months without complete precipitation (values left null)"));
    }

    private static String gapSample(List<ClimateMonth> months, boolean temperature) {
        List<String> gaps = months.stream().filter(m -> temperature ? !m.tempComplete() : !m.precipComplete())
                .map(m -> m.seriesId() + " " + m.month()).limit(5).toList();
        return gaps.isEmpty() ? null : String.join("; ", gaps);
    }
}
