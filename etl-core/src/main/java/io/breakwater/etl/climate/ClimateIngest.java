package io.breakwater.etl.climate;

import static io.breakwater.db.schema.Tables.CLIMATE_DAILY;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.RowVerdict;
import io.breakwater.etl.Severity;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.StagedTable;
import io.breakwater.etl.climate.internal.MappedClimateCsv;
import io.breakwater.etl.env.SourceReject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Climate ingest through the ingest machinery, one run per file (a folder of yearly files is one run per file, in
 * name order, each its own transaction, each idempotent). Daily formats (and {@code csv-daily}) load {@code climate_daily} and recompute the
 * months the file touches (plus the month after, whose change from the previous month depends on it) into
 * {@code climate_monthly} from every day the store holds for the station; GSOM and {@code csv-monthly} load {@code climate_monthly} directly.
 *
 * <pre>{@code
 * ClimateReport report = Ingest.into(store).climate(Path.of("climate-mapping.yaml"),
 *         Path.of("eccc-daily-6158350"));
 * }</pre>
 *
 * Mapping keys: {@code format.type} ({@code eccc-daily}, {@code ghcn-daily}, {@code gsom}, or {@code csv-daily} /
 * {@code csv-monthly} for a CSV of any shape described by the mapping: see {@code docs/source-mappings.md}) and
 * optionally {@code station} (overrides the station the file names).
 */
public final class ClimateIngest implements IngestRun.Work {
    private static final String TABLE = "climate_monthly";
    private final SourceMapping m;
    private final Path file;
    private final ClimateFormat format;
    private final CompletenessRule rule;
    private final MappedClimateCsv mapped;
    private final boolean standardUnits;
    private StagedTable dailyStage;
    private StagedTable monthlyStage;

    /** Validates the mapping before any record is read. */
    public ClimateIngest(SourceMapping.File mappingFile, Path file, CompletenessRule rule) {
        this.m = mappingFile.mapping();
        this.file = file;
        this.rule = rule;
        this.format = ClimateFiles.format(mappingFile);
        this.mapped = format.isMapped() ? MappedClimateCsv.compile(mappingFile, format) : null;
        this.standardUnits = ClimateFiles.standardUnits(mappingFile, format);
    }

    /**
     * What a climate ingest did: one machinery report per file, and the state of the monthly series afterwards.
     *
     * @param runs            one report per file, in the order ingested
     * @param stations        the stations (series) the files named
     * @param months          months in {@code climate_monthly} for those series
     * @param tempComplete    of which with complete temperature
     * @param precipComplete  of which with complete precipitation
     * @param monthsWithoutData months with no observation at all (reported, never filled)
     */
    public record ClimateReport(List<IngestReport> runs, List<String> stations, long months, long tempComplete,
            long precipComplete, List<YearMonth> monthsWithoutData) {
        public long rowsRead() {
            return overRuns(IngestReport::rowsRead);
        }

        public long rowsLoaded() {
            return overRuns(IngestReport::rowsLoaded);
        }

        public long rowsRejected() {
            return overRuns(IngestReport::rowsRejected);
        }

        private long overRuns(ToLongFunction<IngestReport> count) {
            return runs.stream().mapToLong(count).sum();
        }

        /** The report of {@code runs} over {@code stations}, with the monthly table's figures for them. */
        public static ClimateReport of(List<IngestReport> runs, Set<String> stations, BreakwaterStore store) {
            if (store == null || stations.isEmpty()) {
                return new ClimateReport(runs, List.copyOf(stations), 0, 0, 0, List.of());
            }
            var rows = store.dsl().selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.in(stations)).fetch();
            List<YearMonth> empty = rows.stream().filter(r -> r.getDaysObserved() == 0 && r.getTMean() == null
                    && r.getPrecipMm() == null).map(r -> YearMonth.from(r.getMonthStart())).sorted().toList();
            return new ClimateReport(runs, List.copyOf(stations), rows.size(),
                    rows.stream().filter(r -> Boolean.TRUE.equals(r.getTempComplete())).count(),
                    rows.stream().filter(r -> Boolean.TRUE.equals(r.getPrecipComplete())).count(), empty);
        }

        public String summary() {
            return String.format("climate %s: %d files, read %,d, loaded %,d, rejected %,d; %d months, %d with complete "
                    + "temperature, %d with complete precipitation, %d without any observation", stations, runs.size(),
                    rowsRead(), rowsLoaded(), rowsRejected(), months, tempComplete, precipComplete,
                    monthsWithoutData.size());
        }
    }

    private final Set<String> stations = new TreeSet<>();

    /** The stations this run loaded, after it ran. */
    public Set<String> stations() {
        return stations;
    }

    @Override
    public void stage(IngestRun run) {
        run.progress().started("ingest climate " + file.getFileName(), -1, "rows");
        QualityCheck tempComplete = run.checks().define("climate_temperature_complete", TABLE, "temp_complete",
                Severity.WARN_RUN, 1.0, "months with complete temperature");
        QualityCheck precipComplete = run.checks().define("climate_precipitation_complete", TABLE, "precip_complete",
                Severity.WARN_RUN, 1.0, "months with complete precipitation");
        run.checks().validateOverrides();
        LocalDate today = LocalDate.now(run.clock());
        ClimateReading reading = ClimateRanges.apply(mapped != null
                ? ClimateFiles.withRows(file, mapped.parse(file, rule, today))
                : ClimateFiles.read(file, format, m.station(), rule, today, standardUnits), today);
        // count every data row in file order: accepted days (or months) and rejects
        TreeMap<Long, Object> byLine = new TreeMap<>();
        reading.days().forEach(d -> byLine.put(d.sourceLine(), d));
        reading.rejects().forEach(r -> byLine.put(r.line(), r));
        RowVerdict v = new RowVerdict();
        for (var e : byLine.entrySet()) {
            if (e.getValue() instanceof SourceReject r) {
                v.reset(new SourceRecord(r.line(), new String[] {r.rawRecord()}, null, null));
                v.reject(r.rule(), r.column(), r.rawValue(), r.message());
            } else {
                v.reset(new SourceRecord(e.getKey(), new String[0], null, null));
            }
            run.count(v);
        }
        List<ClimateMonth> months;
        if (format.isDaily()) {
            dailyStage = run.stage(CLIMATE_DAILY);
            Map<String, DailyObservation> unique = new LinkedHashMap<>();
            reading.days().forEach(d -> unique.put(d.stationId() + "|" + d.date(), d));
            for (DailyObservation d : unique.values()) {
                dailyStage.add(d.stationId(), d.date(), d.tMax(), d.tMin(), d.tMean(), d.precipMm(), d.snowCm(),
                        d.flagText(), run.runId());
                stations.add(d.stationId());
            }
            months = monthsFromStore(run, reading.days());
        } else {
            reading.months().forEach(mo -> stations.add(mo.seriesId()));
            months = reading.months();
            for (ClimateMonth mo : months) {
                v.reset(new SourceRecord(0, new String[] {mo.seriesId(), mo.month().toString()}, null, null));
                run.count(v); // an accepted monthly row
            }
        }
        long n = months.size();
        tempComplete.measure(n, months.stream().filter(mo -> !mo.tempComplete()).count(),
                n == 0 ? null : months.stream().filter(ClimateMonth::tempComplete).count() / (double) n,
                months.stream().filter(mo -> !mo.tempComplete()).count() + " of " + n
                        + " months without complete temperature (values left null, never zero)");
        precipComplete.measure(n, months.stream().filter(mo -> !mo.precipComplete()).count(),
                n == 0 ? null : months.stream().filter(ClimateMonth::precipComplete).count() / (double) n,
                months.stream().filter(mo -> !mo.precipComplete()).count() + " of " + n
                        + " months without complete precipitation (values left null, never zero)");
        months.stream().filter(mo -> !mo.tempComplete()).limit(5).forEach(mo -> tempComplete.sample(mo.month().toString()));
        months.stream().filter(mo -> !mo.precipComplete()).limit(5)
                .forEach(mo -> precipComplete.sample(mo.month().toString()));
        monthlyStage = run.stage(CLIMATE_MONTHLY);
        for (ClimateMonth mo : months) {
            monthlyStage.add(mo.seriesId(), mo.monthStart(), mo.month().getYear(), mo.month().getMonthValue(),
                    mo.tMean(), mo.tMin(), mo.tMax(), mo.precipMm(), mo.snowCm(), mo.freezingIndex(), mo.frostDays(),
                    mo.freezeThawDays(), mo.tMeanChange(), mo.daysInMonth(), mo.daysObserved(), mo.tempDaysObserved(),
                    mo.precipDaysObserved(), mo.tempComplete(), mo.precipComplete(), mo.sourceStation(), run.runId());
        }
        run.progress().finished("ingest climate " + file.getFileName(), null);
    }

    /**
     * The months this file touches (and the month after), aggregated from the store's days for the station with this
     * file's days in place of the stored ones for the same dates.
     */
    private List<ClimateMonth> monthsFromStore(IngestRun run, List<DailyObservation> fileDays) {
        if (fileDays.isEmpty()) {
            return List.of();
        }
        List<ClimateMonth> out = new ArrayList<>();
        MonthlyAggregator aggregator = new MonthlyAggregator(rule);
        for (String station : stations) {
            List<DailyObservation> mine = fileDays.stream().filter(d -> d.stationId().equals(station)).toList();
            LocalDate first = mine.stream().map(DailyObservation::date).min(Comparator.naturalOrder()).orElseThrow();
            LocalDate last = mine.stream().map(DailyObservation::date).max(Comparator.naturalOrder()).orElseThrow();
            YearMonth from = YearMonth.from(first).minusMonths(1);
            YearMonth to = YearMonth.from(last).plusMonths(1);
            TreeMap<LocalDate, DailyObservation> days = new TreeMap<>();
            run.store().dsl().selectFrom(CLIMATE_DAILY).where(CLIMATE_DAILY.STATION_ID.eq(station),
                    CLIMATE_DAILY.OBS_DATE.between(from.atDay(1), to.atEndOfMonth())).fetch()
                    .forEach(r -> days.put(r.getObsDate(), new DailyObservation(station, r.getObsDate(), r.getTMax(),
                            r.getTMin(), r.getTMean(), r.getPrecipMm(), r.getSnowCm(), Set.of(), 0)));
            mine.forEach(d -> days.put(d.date(), d));
            boolean nextMonthStored = days.keySet().stream().anyMatch(d -> YearMonth.from(d).equals(to));
            YearMonth writeTo = nextMonthStored ? to : YearMonth.from(last);
            for (ClimateMonth mo : aggregator.aggregate(new ArrayList<>(days.values()))) {
                if (!mo.month().isBefore(YearMonth.from(first)) && !mo.month().isAfter(writeTo)) {
                    out.add(mo);
                }
            }
        }
        return out;
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        LoadCounts months = monthlyStage.mergeInto(List.of(CLIMATE_MONTHLY.SERIES_ID, CLIMATE_MONTHLY.MONTH_START),
                List.of(), null);
        if (dailyStage == null) {
            return months;
        }
        // daily rows are what was read; the months they produce are a derived table
        LoadCounts days = dailyStage.mergeInto(List.of(CLIMATE_DAILY.STATION_ID, CLIMATE_DAILY.OBS_DATE), List.of(),
                null);
        return days;
    }
}
