package io.breakwater.etl.pipes;

import static io.breakwater.db.schema.Tables.PIPES;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.PipesRecord;
import io.breakwater.etl.env.QualityResult;
import io.breakwater.etl.env.StepReport;
import io.breakwater.etl.env.internal.MappingFile;
import io.breakwater.etl.env.internal.StepRecorder;
import io.breakwater.etl.pipes.internal.PipeInventoryReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;

/**
 * Loads a pipe inventory into {@code pipes} through its mapping, in one transaction: new pipes are inserted, changed
 * ones updated by pipe id, the same file twice changes nothing; every row not loaded is in {@code rejected_rows}.
 *
 * <pre>{@code
 * StepReport report = PipeIngest.run(store, Path.of("pipes-mapping.yaml"), Path.of("pipes.geojson"),
 *         Clock.systemUTC(), ProgressListener.NONE);
 * }</pre>
 */
public final class PipeIngest {
    private PipeIngest() {
    }

    public static StepReport run(BreakwaterStore store, Path mappingPath, Path file, Clock clock,
            ProgressListener progress) {
        Instant t0 = clock.instant();
        LocalDateTime started = LocalDateTime.now(clock);
        MappingFile mapping = MappingFile.read(mappingPath, "pipes");
        String source = mapping.required("source");
        PipeInventoryReader reader = new PipeInventoryReader(mapping, LocalDateTime.now(clock).getYear());
        String step = "ingest pipes";
        progress.started(step, -1, "rows");
        String sha = StepRecorder.sha256(List.of(file));
        PipeInventoryReader.Result read = reader.read(file);
        progress.progressed(step, read.rowsRead());
        WKTWriter wkt = new WKTWriter();
        long[] counts = new long[3];
        long flagged = read.pipes().stream().filter(p -> !p.flags().isEmpty()).count();
        long[] runIdHolder = new long[1];
        Long[] unchangedRun = new Long[1];
        store.dsl().transaction(cfg -> {
            var dsl = cfg.dsl();
            Long previous = StepRecorder.succeededRunWithSameInput(dsl, "pipes", source, sha, mapping.sha256());
            long runId = StepRecorder.nextRunId(dsl);
            runIdHolder[0] = runId;
            if (previous != null) {
                unchangedRun[0] = previous;
                StepRecorder.insertRun(dsl, runId, "pipes", source, file.toString(), sha, mapping.sha256(),
                        "incremental", new StepRecorder.RunCounts(read.rowsRead(), read.pipes().size(), 0, 0,
                                read.pipes().size(), read.rejects().size(), flagged), "unchanged", started, clock);
                return;
            }
            Map<String, PipesRecord> existing = new LinkedHashMap<>();
            dsl.selectFrom(PIPES).where(PIPES.SOURCE_NAME.eq(source)).fetch()
                    .forEach(r -> existing.put(r.getPipeId(), r));
            List<PipesRecord> inserts = new ArrayList<>();
            List<PipesRecord> updates = new ArrayList<>();
            for (PipeRecord p : read.pipes()) {
                PipesRecord r = dsl.newRecord(PIPES);
                r.setPipeId(p.pipeId());
                r.setSourceName(source);
                r.setMaterial(p.material());
                r.setMaterialRaw(p.materialRaw());
                r.setDiameterMm(p.diameterMm());
                r.setInstallYear(p.installYear());
                r.setLengthM(p.lengthM());
                r.setStatus(p.status());
                r.setPressureZone(p.pressureZone());
                if (p.geometry() != null) {
                    r.setGeometryWkt(wkt.write(p.geometry()));
                    Point c = p.geometry().getCentroid();
                    r.setCentroidLon(c.getX());
                    r.setCentroidLat(c.getY());
                }
                r.setFlags(p.flags().isEmpty() ? null : String.join(",", p.flags()));
                r.setRunId(runId);
                r.setSourceLine(p.sourceLine());
                PipesRecord old = existing.get(p.pipeId());
                if (old == null) {
                    inserts.add(r);
                } else if (!sameContent(old, r)) {
                    // keep what later steps derived (area, soil zone) unless the geometry moved
                    if (Objects.equals(old.getGeometryWkt(), r.getGeometryWkt())) {
                        r.setAreaId(old.getAreaId());
                        r.setSoilZoneId(old.getSoilZoneId());
                    }
                    updates.add(r);
                } else {
                    counts[2]++;
                }
            }
            if (!inserts.isEmpty()) {
                dsl.batchInsert(inserts).execute();
            }
            for (PipesRecord u : updates) {
                u.changed(PIPES.PIPE_ID, false);
                dsl.update(PIPES).set(u).where(PIPES.PIPE_ID.eq(u.getPipeId())).execute();
            }
            counts[0] = inserts.size();
            counts[1] = updates.size();
            StepRecorder.insertRejects(dsl, runId, source, read.rejects(), Map.of());
            StepRecorder.insertQuality(dsl, runId, quality(read), clock);
            StepRecorder.insertRun(dsl, runId, "pipes", source, file.toString(), sha, mapping.sha256(), "incremental",
                    new StepRecorder.RunCounts(read.rowsRead(), read.pipes().size(), counts[0], counts[1], counts[2],
                            read.rejects().size(), flagged), "succeeded", started, clock);
        });
        List<String> reasons = new ArrayList<>();
        read.rejects().forEach(r -> reasons.add(r.rule()));
        read.pipes().forEach(p -> reasons.addAll(p.flags()));
        Map<String, Object> details = new LinkedHashMap<>();
        if (unchangedRun[0] != null) {
            details.put("sameInputAsRun", unchangedRun[0]);
        }
        StepReport report = new StepReport(runIdHolder[0], "pipes", source,
                unchangedRun[0] != null ? "unchanged" : "succeeded", read.rowsRead(), read.pipes().size(),
                unchangedRun[0] != null ? 0 : counts[0], unchangedRun[0] != null ? 0 : counts[1],
                read.rejects().size(), flagged, StepRecorder.topReasons(reasons, 5),
                unchangedRun[0] != null ? List.of() : quality(read), details, Duration.between(t0, clock.instant()));
        progress.finished(step, report.summary());
        return report;
    }

    private static boolean sameContent(PipesRecord a, PipesRecord b) {
        return Objects.equals(a.getMaterial(), b.getMaterial()) && Objects.equals(a.getMaterialRaw(), b.getMaterialRaw())
                && Objects.equals(a.getDiameterMm(), b.getDiameterMm())
                && Objects.equals(a.getInstallYear(), b.getInstallYear()) && Objects.equals(a.getLengthM(), b.getLengthM())
                && Objects.equals(a.getStatus(), b.getStatus()) && Objects.equals(a.getPressureZone(), b.getPressureZone())
                && Objects.equals(a.getGeometryWkt(), b.getGeometryWkt()) && Objects.equals(a.getFlags(), b.getFlags());
    }

    private static List<QualityResult> quality(PipeInventoryReader.Result read) {
        long n = read.pipes().size();
        long unknown = read.pipes().stream().filter(p -> p.material().equals("unknown")).count();
        long noYear = read.pipes().stream().filter(p -> p.installYear() == null).count();
        long rows = read.rowsRead();
        return List.of(
                new QualityResult("pipes_rows_rejected", "pipes", null, "reject_row",
                        read.rejects().isEmpty() ? "passed" : "failed", rows, read.rejects().size(), null, null,
                        sample(read.rejects().stream().map(r -> "line " + r.line() + ": " + r.rule()).toList()),
                        read.rejects().size() + " of " + rows + " rows rejected"),
                new QualityResult("pipes_material_known", "pipes", "material", "flag_row",
                        unknown == 0 ? "passed" : "warned", n, unknown, null, n == 0 ? null : 1.0 - (double) unknown / n,
                        sample(read.pipes().stream().filter(p -> p.material().equals("unknown"))
                                .map(p -> String.valueOf(p.materialRaw())).distinct().toList()),
                        unknown + " pipes with an unknown material"),
                new QualityResult("pipes_install_year_known", "pipes", "install_year", "flag_row",
                        noYear == 0 ? "passed" : "warned", n, noYear, null, n == 0 ? null : 1.0 - (double) noYear / n,
                        null, noYear + " pipes without an install year"));
    }

    static String sample(List<String> values) {
        return values.isEmpty() ? null : String.join("; ", values.subList(0, Math.min(5, values.size())));
    }
}
