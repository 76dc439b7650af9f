package io.breakwater.etl;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.etl.areas.AreaIngest;
import io.breakwater.etl.breaks.BreakIngest;
import io.breakwater.etl.climate.ClimateFiles;
import io.breakwater.etl.climate.ClimateIngest;
import io.breakwater.etl.climate.ClimateMerge;
import io.breakwater.etl.climate.CompletenessRule;
import io.breakwater.etl.pipes.PipeIngest;
import io.breakwater.etl.pipes.PipeMatcher;
import io.breakwater.etl.soil.SoilIngest;
import io.breakwater.etl.soil.SoilOverlay;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one entry point of ETL: every source kind (breaks, areas, soil, pipes, climate) and every derived step
 * (break-to-pipe matching, soil overlay, climate merge) runs here, each as one {@link IngestRun}: one transaction,
 * one row in {@code ingest_runs}, its checks in {@code dq_results}, and an {@link IngestReport}. Immutable; the
 * {@code with...} methods return a copy.
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

    /** Ingests soil zones: GeoJSON polygons, or a CSV table keyed by area (of the mapping's or the only area set). */
    public IngestReport soil(Path mapping, Path file) {
        return soil(SourceMapping.read(mapping), file, null);
    }

    /** Like {@link #soil(Path, Path)}; a table keyed by area is matched against {@code areaSet} when not null. */
    public IngestReport soil(Path mapping, Path file, String areaSet) {
        return soil(SourceMapping.read(mapping), file, areaSet);
    }

    /** Like {@link #soil(Path, Path, String)} with a mapping read or built in code ({@link SourceMapping.File#of}). */
    public IngestReport soil(SourceMapping.File mapping, Path file, String areaSet) {
        return run(mapping, "soil", file, SoilIngest.of(mapping, file, areaSet));
    }

    /** Ingests a pipe inventory: lines (GeoJSON) or attributes only (CSV) into {@code pipes}. */
    public IngestReport pipes(Path mapping, Path file) {
        return pipes(SourceMapping.read(mapping), file);
    }

    public IngestReport pipes(SourceMapping.File mapping, Path file) {
        return run(mapping, "pipes", file, new PipeIngest(mapping, file));
    }

    /** Ingests climate from a file, or every {@code *.csv} of a folder, with the WMO completeness rule. */
    public ClimateIngest.ClimateReport climate(Path mapping, Path fileOrFolder) {
        return climate(SourceMapping.read(mapping), fileOrFolder, CompletenessRule.WMO);
    }

    /** Like {@link #climate(Path, Path)} with a completeness rule. */
    public ClimateIngest.ClimateReport climate(Path mapping, Path fileOrFolder, CompletenessRule rule) {
        return climate(SourceMapping.read(mapping), fileOrFolder, rule);
    }

    /** Like {@link #climate(Path, Path, CompletenessRule)} with a mapping read or built in code: one run per file. */
    public ClimateIngest.ClimateReport climate(SourceMapping.File mapping, Path fileOrFolder, CompletenessRule rule) {
        List<IngestReport> runs = new ArrayList<>();
        Set<String> stations = new TreeSet<>();
        for (Path f : ClimateFiles.expand(fileOrFolder)) {
            ClimateIngest work = new ClimateIngest(mapping, f, rule);
            runs.add(run(mapping, "climate", f, work));
            stations.addAll(work.stations());
        }
        return ClimateIngest.ClimateReport.of(runs, stations, runs.isEmpty() ? null : store);
    }

    /** Links every break to a pipe: by asset id, else by snapping within the tolerance (a derived step). */
    public IngestReport matchPipes(PipeMatcher.Options options) {
        PipeMatcher step = new PipeMatcher(options);
        return IngestRun.execute(store, step.spec(), clock, progress, step);
    }

    /** Puts soil onto areas, pipes and breaks (a derived step). */
    public IngestReport soilOverlay() {
        SoilOverlay step = new SoilOverlay();
        return IngestRun.execute(store, step.spec(), clock, progress, step);
    }

    /** Merges loaded stations, first preferred, into one monthly series (a derived step). */
    public IngestReport mergeClimate(ClimateMerge step) {
        return IngestRun.execute(store, step.spec(), clock, progress, step);
    }

    /** Runs any {@link IngestRun.Work} (other source kinds plug in here) with this ingest's clock, progress and mode. */
    public IngestReport run(SourceMapping.File mapping, String kind, Path file, IngestRun.Work work) {
        return IngestRun.execute(store, new IngestRun.Spec(kind, mapping.mapping().source(), file, mapping, mode), clock,
                progress, work);
    }
}
