package io.breakwater.etl.areas;

import static io.breakwater.db.schema.Tables.AREAS;

import io.breakwater.etl.ExtraAttributes;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.LoadMode;
import io.breakwater.etl.MappedWork;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.QualityChecks;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.Reprojection;
import io.breakwater.etl.RowVerdict;
import io.breakwater.etl.Severity;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.StagedTable;
import io.breakwater.etl.env.internal.Geometries;
import io.breakwater.etl.env.internal.Polygons;
import io.breakwater.etl.internal.LongIntMap;
import io.breakwater.etl.internal.Hashing;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.WKTWriter;

/**
 * Area ingest: polygons (GeoJSON FeatureCollection) into {@code areas}, one area set per mapping {@code source}. Use
 * it through {@link io.breakwater.etl.Ingest#areas}.
 */
public final class AreaIngest extends MappedWork {
    private static final String TABLE = "areas";
    private final Reprojection projection;
    private StagedTable stage;

    /** Validates the mapping before any record is read. */
    public AreaIngest(SourceMapping.File mappingFile, Path file) {
        super(mappingFile, file, "areas");
        if (mapping.format() == null || !mapping.format().isGeometry()) {
            throw mappingFile.invalid("format.type", "areas are read from polygons: expected 'geojson', 'shapefile' or 'geopackage'");
        }
        if (mapping.id() == null || mapping.id().columns() == null || mapping.id().columns().isEmpty()) {
            throw mappingFile.invalid("id.columns", "missing: the property holding the area code");
        }
        this.projection = Reprojection.ofGeometry(mappingFile, file);
    }

    @Override
    public void stage(IngestRun run) {
        QualityChecks checks = run.checks();
        QualityCheck idNotNull = checks.define("id_not_null", TABLE, "area_code", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "every area has a code");
        QualityCheck geometryPolygonal = checks.define("geometry_polygonal", TABLE, "geometry_wkt", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "every area has a polygon geometry");
        QualityCheck geometryUsable = checks.define("geometry_usable", TABLE, "geometry_wkt", Severity.REJECT_ROW,
                QualityChecks.ROW_SHARE, "every polygon lies in lon/lat range, has an area and is valid or safely "
                        + "repaired (keeping " + Polygons.MIN_KEPT_SHARE + " of its area)");
        QualityCheck geometryValid = checks.define("geometry_valid", TABLE, "geometry_wkt", Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "every polygon is topologically valid (invalid ones are repaired and flagged)");
        QualityCheck unique = checks.define("unique_id", TABLE, "area_code", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "no two areas share a code");
        QualityCheck accepted = checks.define("accepted_share", TABLE, null, Severity.FAIL_RUN, 0.5,
                "at least half of the areas are accepted");
        checks.validateOverrides();
        stage = run.stage(AREAS);
        RowVerdict v = new RowVerdict();
        LongIntMap seen = new LongIntMap(1024);
        WKTWriter wkt = new WKTWriter();
        run.progress().started("ingest areas", -1, "areas");
        try (RecordSource in = run.open()) {
            int[] idCols = new int[mapping.id().columns().size()];
            for (int i = 0; i < idCols.length; i++) {
                idCols[i] = in.requireColumn(mapping.id().columns().get(i), "id.columns[" + i + "]");
            }
            int nameCol = mapping.name() == null ? -1 : in.requireColumn(mapping.name().column(), "name.column");
            ExtraAttributes.Reader extras = run.extras(in);
            for (SourceRecord r; (r = in.next()) != null; ) {
                v.reset(r);
                StringBuilder code = new StringBuilder();
                boolean missing = false;
                for (int i = 0; i < idCols.length; i++) {
                    String value = r.trimmed(idCols[i]);
                    if (value == null) {
                        missing = true;
                    } else {
                        code.append(i > 0 ? "|" : "").append(value);
                    }
                }
                if (!v.check(idNotNull, !missing, String.join(",", mapping.id().columns()), null,
                        "feature " + r.line() + ": the code property " + mapping.id().columns() + " is empty")) {
                    run.count(v);
                    continue;
                }
                Geometry g = r.geometry();
                if (!v.check(geometryPolygonal, g instanceof Polygonal && !g.isEmpty(), "geometry",
                        g == null ? r.geometryError() : g.getGeometryType(), "feature " + r.line() + ": "
                                + (g == null ? r.geometryError() : "expected a Polygon or MultiPolygon, found " + g.getGeometryType()))) {
                    run.count(v);
                    continue;
                }
                Geometry wgs = Geometries.toWgs84(g, projection);
                Polygons.Outcome polygon = wgs == null ? new Polygons.Outcome(null, null,
                        Geometries.vertexProblem(g, projection)) : Polygons.validate(wgs);
                if (!v.check(geometryUsable, polygon.problem() == null, "geometry", code.toString(), "feature "
                        + r.line() + " (area " + code + "): " + polygon.problem())) {
                    run.count(v);
                    continue;
                }
                g = polygon.polygon();
                v.check(geometryValid, polygon.repairFlag() == null, "geometry", code.toString(), null);
                int n = seen.increment(Hashing.hash64(code));
                if (!v.check(unique, n == 1, String.join(",", mapping.id().columns()), code.toString(),
                        "feature " + r.line() + ": area code " + code + " occurs again")) {
                    run.count(v);
                    continue;
                }
                Object[] extra = extras.read(r, v);
                if (!run.count(v)) {
                    continue;
                }
                extras.add(mapping.source() + ":" + code, extra);
                Point centroid = g.getCentroid();
                double km2 = g.getArea() * 111.320 * Math.cos(Math.toRadians(centroid.getY())) * 110.574;
                String name = nameCol < 0 ? null : r.trimmed(nameCol);
                stage.add(mapping.source() + ":" + code, code.toString(), name, mapping.source(), round(km2, 6),
                        round(centroid.getX(), 7), round(centroid.getY(), 7), wkt.write(g), run.runId());
            }
        }
        long read = run.rowsRead();
        if (read == 0) {
            throw run.noRecords("features");
        }
        accepted.measure(read, read - stage.rows(), (double) stage.rows() / read,
                String.format(Locale.ROOT, "%d of %d areas accepted", stage.rows(), read));
        run.progress().finished("ingest areas", null);
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        return stage.mergeInto(List.of(AREAS.AREA_ID), List.of(),
                run.spec().mode() == LoadMode.FULL_REFRESH ? AREAS.AREA_SET.eq(mapping.source()) : null);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
