package io.breakwater.etl;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.etl.areas.AreaIngest;
import io.breakwater.etl.breaks.BreakIngest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The entry point of ETL: ingests a source file into a store through its source mapping and returns a report.
 * Immutable; the {@code with...} methods return a copy.
 *
 * <pre>{@code
 * try (BreakwaterStore store = BreakwaterStore.open("out/breakwater.duckdb")) {
 *     Ingest ingest = Ingest.into(store).withProgress(listener);
 *     ingest.areas(Path.of("neighbourhoods-mapping.yaml"), Path.of("neighbourhoods_140.geojson"));
 *     IngestReport report = ingest.breaks(Path.of("breaks-mapping.yaml"), Path.of("watermain_breaks.csv"));
 * }
 * }</pre>
 */
public final class Ingest {
    private final BreakwaterStore store;
    private final Clock clock;
    private final ProgressListener progress;
    private final LoadMode mode;

    private Ingest(BreakwaterStore store, Clock clock, ProgressListener progress, LoadMode mode) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Ingests into {@code store}: system UTC clock, no progress, incremental. */
    public static Ingest into(BreakwaterStore store) {
        return new Ingest(store, Clock.systemUTC(), ProgressListener.NONE, LoadMode.INCREMENTAL);
    }

    /** The clock that stamps runs and dates freshness checks. */
    public Ingest withClock(Clock clock) {
        return new Ingest(store, clock, progress, mode);
    }

    public Ingest withProgress(ProgressListener progress) {
        return new Ingest(store, clock, progress, mode);
    }

    /** Incremental (the default) or full refresh (also deletes the source's rows the file no longer holds). */
    public Ingest withMode(LoadMode mode) {
        return new Ingest(store, clock, progress, mode);
    }

    /**
     * Ingests break records into {@code pipe_breaks_clean}, assigning each to an area of the mapping's {@code areas}
     * set (or, when the mapping names none, of the only area set in the store, if there is exactly one).
     */
    public IngestReport breaks(Path mapping, Path file) {
        return breaks(mapping, file, null);
    }

    /** Like {@link #breaks(Path, Path)}, assigning breaks to the areas of {@code areaSet} (overrides the mapping). */
    public IngestReport breaks(Path mapping, Path file, String areaSet) {
        return breaks(SourceMapping.read(mapping), file, areaSet);
    }

    /** Like {@link #breaks(Path, Path, String)} with a mapping read or built in code ({@link SourceMapping.File#of}). */
    public IngestReport breaks(SourceMapping.File mapping, Path file, String areaSet) {
        return run(mapping, "breaks", file, new BreakIngest(mapping, file, areaSet));
    }

    /** Ingests area polygons into {@code areas}; the mapping's {@code source} names the area set. */
    public IngestReport areas(Path mapping, Path file) {
        return areas(SourceMapping.read(mapping), file);
    }

    /** Like {@link #areas(Path, Path)} with a mapping read or built in code ({@link SourceMapping.File#of}). */
    public IngestReport areas(SourceMapping.File mapping, Path file) {
        return run(mapping, "areas", file, new AreaIngest(mapping, file));
    }

    /** Runs any {@link IngestRun.Work} (other source kinds plug in here) with this ingest's clock, progress and mode. */
    public IngestReport run(SourceMapping.File mapping, String kind, Path file, IngestRun.Work work) {
        return IngestRun.execute(store, new IngestRun.Spec(kind, mapping.mapping().source(), file, mapping, mode), clock,
                progress, work);
    }
}
