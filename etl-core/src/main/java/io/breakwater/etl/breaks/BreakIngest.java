package io.breakwater.etl.breaks;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.AreaIndex;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.LoadMode;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.StagedTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Break-record ingest: reads a break file through its source mapping, cleans, reprojects, checks, assigns areas and
 * stages the accepted rows for {@code pipe_breaks_clean}. Use it through {@link io.breakwater.etl.Ingest#breaks}.
 * The mapping is validated on construction ({@link BreakMapping}); a run defines its checks ({@link BreakChecks})
 * and reads the file row by row ({@link BreakRun}).
 */
public final class BreakIngest implements IngestRun.Work {
    private final BreakMapping mapping;
    private final Path file;
    private StagedTable stage;

    /** Validates the mapping (before any row is read); every error names the mapping key. */
    public BreakIngest(SourceMapping.File mappingFile, Path file, String areaSet) {
        this.mapping = new BreakMapping(mappingFile, file, areaSet);
        this.file = file;
    }

    @Override
    public void stage(IngestRun run) {
        AreaIndex areas = areaIndex(run);
        OtherSources others = OtherSources.before(run.store().dsl(), mapping.source(), mapping.acrossSourcesMetres);
        BreakChecks checks = new BreakChecks(run.checks(), mapping, areas, others);
        LocalDate today = LocalDate.ofInstant(run.clock().instant(),
                mapping.dates.zone() == null ? ZoneOffset.UTC : mapping.dates.zone());
        long size = size(file);
        run.progress().started(BreakRun.STEP, Math.max(1, size / 1024), "kB");
        stage = run.stageOrAppend(PIPE_BREAKS_CLEAN);
        int expectedRows = (int) Math.min(1 << 23, Math.max(1 << 16, size / 64));
        BreakRun rows;
        try (RecordSource in = run.open()) {
            rows = new BreakRun(run, mapping, checks, areas, others, in, stage, today, expectedRows);
            rows.readAll();
        }
        long read = run.rowsRead();
        if (read == 0) {
            throw run.noRecords("records");
        }
        checks.measureAcceptedShare(read, stage.rows());
        checks.measureFreshness(rows.newest(), today);
        run.progress().finished(BreakRun.STEP, null);
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        return stage.mergeInto(List.of(PIPE_BREAKS_CLEAN.BREAK_ID), List.of(PIPE_BREAKS_CLEAN.RECORD_HASH),
                run.spec().mode() == LoadMode.FULL_REFRESH ? PIPE_BREAKS_CLEAN.SOURCE_NAME.eq(mapping.source()) : null);
    }

    /** The areas breaks are assigned to: the set named, else the store's only one; {@code null} when it has none. */
    private AreaIndex areaIndex(IngestRun run) {
        String set = mapping.areaSet;
        if (set == null) {
            List<String> sets = run.store().dsl().selectDistinct(AREAS.AREA_SET).from(AREAS).orderBy(AREAS.AREA_SET)
                    .fetch(AREAS.AREA_SET);
            if (sets.size() > 1) {
                // guessing would assign the breaks to one set this run and another the next (or to none)
                throw mapping.file().invalid("areas", "missing: the store holds " + sets.size() + " area sets " + sets
                        + "; name the one the breaks are assigned to (or pass --areas)");
            }
            if (sets.isEmpty()) {
                return null;
            }
            set = sets.get(0);
        }
        AreaIndex index = AreaIndex.areaSet(run.store(), set);
        if (index.size() == 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "area set '" + set
                    + "' has no areas in " + run.store().location() + "; load it first with 'breakwater ingest areas'");
        }
        return index;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
