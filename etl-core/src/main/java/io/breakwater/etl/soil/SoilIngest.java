package io.breakwater.etl.soil;

import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.SoilZonesRecord;
import io.breakwater.etl.env.QualityResult;
import io.breakwater.etl.env.StepReport;
import io.breakwater.etl.env.internal.LocalMetric;
import io.breakwater.etl.env.internal.MappingFile;
import io.breakwater.etl.env.internal.StepRecorder;
import io.breakwater.etl.soil.internal.SoilZoneReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.io.WKTWriter;

/**
 * Loads a soil layer (GeoJSON polygons) into {@code soil_zones} through its mapping, in one transaction. A soil layer
 * is a snapshot: the source's zones are replaced by the file's; the same file twice changes nothing. A mapping with
 * {@code synthetic: true} marks every zone {@code is_synthetic}.
 */
public final class SoilIngest {
    private SoilIngest() {
    }

    public static StepReport run(BreakwaterStore store, Path mappingPath, Path file, Clock clock,
            ProgressListener progress) {
        Instant t0 = clock.instant();
        LocalDateTime started = LocalDateTime.now(clock);
        MappingFile mapping = MappingFile.read(mappingPath, "soil");
        String source = mapping.required("source");
        boolean synthetic = Boolean.parseBoolean(mapping.text("synthetic", "false"));
        SoilZoneReader reader = new SoilZoneReader(mapping);
        String step = "ingest soil";
        progress.started(step, -1, "zones");
        String sha = StepRecorder.sha256(List.of(file));
        SoilZoneReader.Result read = reader.read(file);
        progress.progressed(step, read.rowsRead());
        long flagged = read.zones().stream().filter(z -> !z.flags().isEmpty()).count();
        long repaired = flagged;
        List<QualityResult> quality = List.of(
                new QualityResult("soil_polygons_valid", "soil_zones", "geometry_wkt", "flag_row",
                        repaired == 0 ? "passed" : "warned", read.rowsRead(), repaired, null, null,
                        sampleFlags(read), repaired + " polygons repaired (flagged)"),
                new QualityResult("soil_rows_rejected", "soil_zones", null, "reject_row",
                        read.rejects().isEmpty() ? "passed" : "failed", read.rowsRead(), read.rejects().size(), null,
                        null, read.rejects().isEmpty() ? null : read.rejects().get(0).message(),
                        read.rejects().size() + " zones rejected"));
        long[] runId = new long[1];
        long[] ins = new long[2];
        boolean[] unchanged = new boolean[1];
        store.dsl().transaction(cfg -> {
            var dsl = cfg.dsl();
            Long previous = StepRecorder.succeededRunWithSameInput(dsl, "soil", source, sha, mapping.sha256());
            runId[0] = StepRecorder.nextRunId(dsl);
            if (previous != null) {
                unchanged[0] = true;
                StepRecorder.insertRun(dsl, runId[0], "soil", source, file.toString(), sha, mapping.sha256(),
                        "full_refresh", new StepRecorder.RunCounts(read.rowsRead(), read.zones().size(), 0, 0,
                                read.zones().size(), read.rejects().size(), flagged), "unchanged", started, clock);
                return;
            }
            Set<String> before = new HashSet<>(dsl.select(SOIL_ZONES.ZONE_ID).from(SOIL_ZONES)
                    .where(SOIL_ZONES.SOURCE_NAME.eq(source)).fetch(SOIL_ZONES.ZONE_ID));
            dsl.deleteFrom(SOIL_ZONES).where(SOIL_ZONES.SOURCE_NAME.eq(source)).execute();
            WKTWriter wkt = new WKTWriter();
            List<SoilZonesRecord> rows = new ArrayList<>();
            for (SoilZoneReader.Zone z : read.zones()) {
                SoilZonesRecord r = dsl.newRecord(SOIL_ZONES);
                r.setZoneId(z.zoneId());
                r.setSoilType(z.soilType());
                r.setCorrosivityIndex(z.corrosivityIndex());
                r.setCorrosivityClass(z.corrosivityClass());
                r.setShrinkSwellIndex(z.shrinkSwellIndex());
                r.setShrinkSwellClass(z.shrinkSwellClass());
                r.setIsSynthetic(synthetic);
                r.setSourceName(source);
                r.setGeometryWkt(wkt.write(z.geometry()));
                LocalMetric plane = new LocalMetric(z.geometry().getCentroid().getY());
                r.setAreaKm2(plane.toPlane(z.geometry()).getArea() / 1e6);
                r.setFlags(z.flags().isEmpty() ? null : String.join(",", z.flags()));
                r.setRunId(runId[0]);
                rows.add(r);
                ins[before.contains(z.zoneId()) ? 1 : 0]++;
            }
            if (!rows.isEmpty()) {
                dsl.batchInsert(rows).execute();
            }
            StepRecorder.insertRejects(dsl, runId[0], source, read.rejects(), Map.of());
            StepRecorder.insertQuality(dsl, runId[0], quality, clock);
            StepRecorder.insertRun(dsl, runId[0], "soil", source, file.toString(), sha, mapping.sha256(),
                    "full_refresh", new StepRecorder.RunCounts(read.rowsRead(), read.zones().size(), ins[0], ins[1],
                            0, read.rejects().size(), flagged), "succeeded", started, clock);
        });
        List<String> reasons = new ArrayList<>();
        read.rejects().forEach(r -> reasons.add(r.rule()));
        read.zones().forEach(z -> reasons.addAll(z.flags()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("synthetic", synthetic);
        StepReport report = new StepReport(runId[0], "soil", source, unchanged[0] ? "unchanged" : "succeeded",
                read.rowsRead(), read.zones().size(), unchanged[0] ? 0 : ins[0], unchanged[0] ? 0 : ins[1],
                read.rejects().size(), flagged, StepRecorder.topReasons(reasons, 5),
                unchanged[0] ? List.of() : quality, details, Duration.between(t0, clock.instant()));
        progress.finished(step, report.summary());
        return report;
    }

    private static String sampleFlags(SoilZoneReader.Result read) {
        List<String> s = read.zones().stream().filter(z -> !z.flags().isEmpty())
                .map(z -> z.zoneId() + ": " + String.join(",", z.flags())).limit(5).toList();
        return s.isEmpty() ? null : String.join("; ", s);
    }
}
