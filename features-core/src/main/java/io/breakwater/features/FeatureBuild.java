package io.breakwater.features;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.ASSET_NEIGHBOURS;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_BREAK_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_MONTHS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.selectDistinct;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ClimateSeries;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.FeatureSetsRecord;
import io.breakwater.features.internal.AssetBuilder;
import io.breakwater.features.internal.AssetLayout;
import io.breakwater.features.internal.AttributeQueries;
import io.breakwater.db.BulkRows;
import io.breakwater.features.internal.PanelQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a feature set: the dense monthly asset panel in {@code pipe_features_monthly}, with its assets
 * ({@code feature_assets}), neighbour pairs ({@code asset_neighbours}) and provenance ({@code feature_sets}). The one
 * entry point of features-core.
 *
 * <pre>{@code
 * FeatureSetDefinition definition = FeatureSetDefinition.builder().grain(Grain.area()).horizonMonths(12).build();
 * FeatureBuildResult result = FeatureBuild.on(store).run(definition);
 * }</pre>
 *
 * The whole build runs in one transaction: a rebuild of the same feature set replaces the previous one atomically, and
 * a failed build leaves the store as it was. The heavy work is set-based in the database (jOOQ INSERT ... SELECT with
 * window functions); Java computes only the spatial parts (neighbours, grid cells) once per build. Immutable.
 */
public final class FeatureBuild {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureBuild.class);
    private static final String STEP = "features build";
    private static final int STEPS = 7;  // and one more when the feature set names extra attributes

    private final BreakwaterStore store;
    private final Clock clock;
    private final ProgressListener progress;
    private final Instant asOf;

    private FeatureBuild(BreakwaterStore store, Clock clock, ProgressListener progress, Instant asOf) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.asOf = asOf;
    }

    /** A build on {@code store}, with the system UTC clock and no progress reporting. */
    public static FeatureBuild on(BreakwaterStore store) {
        return new FeatureBuild(store, Clock.systemUTC(), ProgressListener.NONE, null);
    }

    /** The clock that stamps {@code built_at} (and {@code as_of} unless {@link #asOf} is given). */
    public FeatureBuild clock(Clock clock) {
        return new FeatureBuild(store, clock, progress, asOf);
    }

    public FeatureBuild progress(ProgressListener progress) {
        return new FeatureBuild(store, clock, progress, asOf);
    }

    /** The as-of time recorded with the build (when the inputs were taken as current); default: now. */
    public FeatureBuild asOf(Instant asOf) {
        return new FeatureBuild(store, clock, progress, asOf);
    }

    /** Builds (or rebuilds) the feature set of {@code definition}. */
    public FeatureBuildResult run(FeatureSetDefinition definition) {
        long started = System.nanoTime();
        Instant builtAt = clock.instant();
        Instant asOfTime = asOf != null ? asOf : builtAt;
        String fs = definition.featureSetId();
        String hash = definition.definitionHash();
        DSLContext dsl = store.dsl();

        FeatureSetsRecord previous = dsl.selectFrom(FEATURE_SETS).where(FEATURE_SETS.FEATURE_SET_ID.eq(fs)).fetchOne();
        if (previous != null && !previous.getDefinitionHash().equals(hash)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "feature set " + fs
                    + " already exists with definition " + previous.getDefinitionJson() + " (hash "
                    + previous.getDefinitionHash().substring(0, 12) + "); this definition " + definition.definitionJson()
                    + " differs: give it a new version");
        }
        String series = ClimateSeries.choose(dsl, definition.climateSeriesId());
        List<AttributeQueries.Attribute> attributes = AttributeQueries.resolve(dsl, definition.grain(),
                definition.attributes());
        YearMonth[] range = monthRange(dsl, definition);
        YearMonth first = range[0];
        YearMonth last = range[1];
        int firstKey = first.getYear() * 12 + first.getMonthValue() - 1;
        int lastKey = last.getYear() * 12 + last.getMonthValue() - 1;
        int monthCount = lastKey - firstKey + 1;
        Grain grain = definition.grain();

        int steps = attributes.isEmpty() ? STEPS : STEPS + 1;
        progress.started(STEP, steps, "steps");
        Map<String, Duration> timings = new LinkedHashMap<>();
        try {
            return dsl.transactionResult(configuration -> {
                DSLContext ctx = configuration.dsl();
                PanelQueries queries = new PanelQueries(ctx, fs);
                AttributeQueries attributeQueries = new AttributeQueries(ctx, fs);
                long t = System.nanoTime();
                if (previous != null) {
                    queries.deleteFeatureSet();
                    attributeQueries.delete();
                    ctx.deleteFrom(FEATURE_SETS).where(FEATURE_SETS.FEATURE_SET_ID.eq(fs)).execute();
                } else {
                    queries.deleteWorkingRows();
                }
                t = step(timings, "clear previous", t, 1);

                AssetLayout layout = new AssetBuilder(ctx, fs).build(grain, definition.neighbourDistanceM(), firstKey,
                        lastKey);
                if (layout.assets().isEmpty()) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, "grain " + grain + ": the store holds no "
                            + (grain.kind() == Grain.Kind.PIPE ? "pipes (table pipes is empty)"
                            : grain.kind() == Grain.Kind.AREA ? "areas (table areas is empty)" : "grid cells")
                            + ", so the panel would be empty");
                }
                t = step(timings, "assets", t, 2);

                BulkRows.insert(ctx, FEATURE_ASSETS, layout.assets());
                BulkRows.insert(ctx, ASSET_NEIGHBOURS, layout.neighbours());
                BulkRows.insert(ctx, FEATURE_BUILD_MONTHS, queries.months(first, last));
                t = step(timings, "write assets", t, 3);

                long linked = grain.kind() == Grain.Kind.GRID
                        ? BulkRows.insert(ctx, FEATURE_BUILD_BREAK_ASSETS, layout.breakLinks())
                        : queries.linkBreaksById(grain, firstKey, lastKey);
                long inRange = queries.breaksInRange(firstKey, lastKey);
                queries.countBreaks(firstKey);
                t = step(timings, "break counts", t, 4);

                if (series != null) {
                    queries.climate(series);
                }
                t = step(timings, "climate", t, 5);

                long rows = queries.panel(grain, monthCount, definition.horizonMonths(),
                        definition.period() == Period.YEAR);
                t = step(timings, "panel", t, 6);

                long attributeRows = 0;
                for (AttributeQueries.Attribute attribute : attributes) {
                    attributeRows += attributeQueries.write(attribute, first.atDay(1), firstKey);
                }
                if (!attributes.isEmpty()) {
                    LOG.info("Feature set {}: {} attribute value rows for {}", fs, attributeRows,
                            attributes.stream().map(AttributeQueries.Attribute::feature).toList());
                    t = step(timings, "attributes", t, 7);
                }

                long beforeInstall = layout.assets().stream()
                        .mapToLong(a -> a.getBreaksBeforeInstall() == null ? 0 : a.getBreaksBeforeInstall()).sum();
                List<Long> runs = inputRuns(ctx, grain, series, firstKey, lastKey);
                Duration total = Duration.ofNanos(System.nanoTime() - started);
                FeatureSetsRecord record = new FeatureSetsRecord();
                record.setFeatureSetId(fs);
                record.setName(definition.name());
                record.setVersion(definition.version());
                record.setDefinitionHash(hash);
                record.setDefinitionJson(definition.definitionJson());
                record.setGrain(grain.id());
                record.setHorizonMonths(definition.horizonMonths());
                record.setFirstMonth(first.atDay(1));
                record.setLastMonth(last.atDay(1));
                record.setAssetCount((long) layout.assets().size());
                record.setRowCount(rows);
                record.setInputRuns(runs.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
                record.setAsOf(utc(asOfTime));
                record.setBuiltAt(utc(builtAt));
                record.setClimateSeriesId(series);
                record.setNeighbourDistanceM(grain.kind() == Grain.Kind.PIPE ? definition.neighbourDistanceM() : null);
                record.setBreaksInPanel(linked);
                record.setBreaksUnassigned(inRange - linked);
                record.setBreaksBeforeInstall(beforeInstall);
                record.setBuildMillis(total.toMillis());
                record.setBreakwaterVersion(BreakwaterVersion.get());
                ctx.insertInto(FEATURE_SETS).set(record).execute();
                queries.deleteWorkingRows();
                step(timings, "record", t, steps);

                FeatureBuildResult result = new FeatureBuildResult(fs, hash, grain.id(), definition.horizonMonths(),
                        first, last, layout.assets().size(), monthCount, rows, layout.neighbours().size(), linked,
                        inRange - linked, beforeInstall, series, runs, asOfTime, previous != null, timings,
                        Duration.ofNanos(System.nanoTime() - started), definition.period().id());
                progress.finished(STEP, String.format("feature set %s: %,d assets x %s = %,d rows (%s..%s), "
                                + "%,d breaks, %,d unassigned, in %.1f s", fs, result.assetCount(), result.snapshots(),
                        rows, first, last, linked, inRange - linked, result.total().toMillis() / 1000.0));
                LOG.info("Built feature set {} ({} rows) in {} ms: {}", fs, rows, result.total().toMillis(), timings);
                return result;
            });
        } catch (DataAccessException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BreakwaterException be) {
                throw be;
            }
            throw new BreakwaterException(ErrorCode.INTERNAL, "feature set " + fs + " on " + store.location()
                    + ": the database refused the build, nothing was written: " + rootMessage(e), e);
        }
    }

    private long step(Map<String, Duration> timings, String name, long since, int done) {
        long now = System.nanoTime();
        timings.put(name, Duration.ofNanos(now - since));
        progress.progressed(STEP, done);
        return now;
    }

    /** The configured months, or the first and last month of break data. */
    private static YearMonth[] monthRange(DSLContext dsl, FeatureSetDefinition definition) {
        YearMonth first = definition.firstMonth();
        YearMonth last = definition.lastMonth();
        if (first == null || last == null) {
            Record2<Integer, Integer> r = dsl.select(min(AssetBuilder.monthKey()), max(AssetBuilder.monthKey()))
                    .from(PIPE_BREAKS_CLEAN).fetchOne();
            if (r == null || r.value1() == null) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, "pipe_breaks_clean is empty: the panel runs "
                        + "from the first to the last month of break data; ingest breaks or set the first and last month");
            }
            if (first == null) {
                first = YearMonth.of(r.value1() / 12, r.value1() % 12 + 1);
            }
            if (last == null) {
                last = YearMonth.of(r.value2() / 12, r.value2() % 12 + 1);
            }
        }
        if (first.isAfter(last)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "feature set: first month " + first + " is after last month " + last);
        }
        if (first.until(last, ChronoUnit.MONTHS) > 2400) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "feature set: " + first + ".." + last
                    + " spans more than 200 years: check the break dates or set the month range");
        }
        return new YearMonth[] {first, last};
    }

    /** The ingest runs whose rows the build read. */
    private static List<Long> inputRuns(DSLContext ctx, Grain grain, String series, int firstKey, int lastKey) {
        var runs = selectDistinct(PIPE_BREAKS_CLEAN.RUN_ID).from(PIPE_BREAKS_CLEAN)
                .where(AssetBuilder.monthKey().between(firstKey, lastKey))
                .union(selectDistinct(SOIL_ZONES.RUN_ID).from(SOIL_ZONES))
                .union(selectDistinct(CLIMATE_MONTHLY.RUN_ID).from(CLIMATE_MONTHLY)
                        .where(CLIMATE_MONTHLY.SERIES_ID.eq(series == null ? "" : series)));
        if (grain.kind() == Grain.Kind.PIPE) {
            runs = runs.union(selectDistinct(PIPES.RUN_ID).from(PIPES));
        } else {
            runs = runs.union(selectDistinct(AREAS.RUN_ID).from(AREAS));
            if (grain.kind() == Grain.Kind.GRID) {
                runs = runs.union(selectDistinct(PIPES.RUN_ID).from(PIPES));
            }
        }
        return ctx.fetch(runs).getValues(0, Long.class).stream().sorted().toList();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(root.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
                .orElse(message);
    }
}
