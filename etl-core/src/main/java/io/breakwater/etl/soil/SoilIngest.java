package io.breakwater.etl.soil;

import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.etl.ExtraAttributes;
import io.breakwater.etl.IdentifierCheck;
import io.breakwater.etl.IngestReport;
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
import io.breakwater.etl.env.internal.LocalMetric;
import io.breakwater.etl.soil.internal.SoilGeometry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;

/**
 * Soil zone ingest: GeoJSON polygons into {@code soil_zones}, through the ingest machinery. Attributes map to soil
 * type, corrosivity and shrink-swell potential, each a 0..1 index or a class (corrosivity: low, moderate, high,
 * severe; shrink-swell: low, moderate, high); the other form is derived. Polygons are validated with JTS: an unclosed
 * ring or an invalid polygon is repaired when it can be done safely and flagged, otherwise the zone is rejected with
 * the reason. A mapping with {@code synthetic: true} marks every zone {@code is_synthetic}. A mapping of
 * {@code format.type: csv} is a soil table keyed by area instead ({@link SoilAreaTable}).
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(store).soil(Path.of("soil-mapping.yaml"), Path.of("soil.geojson"));
 * }</pre>
 */
public final class SoilIngest extends MappedWork {
    private static final String TABLE = "soil_zones";
    static final String[] CORROSIVITY = {"low", "moderate", "high", "severe"};
    static final String[] SHRINK = {"low", "moderate", "high"};
    private static final Set<String> ATTRIBUTES = Set.of("soilType", "corrosivity", "shrinkSwell");
    private final Reprojection projection;
    private StagedTable stage;

    /** Validates the mapping before any record is read. */
    public SoilIngest(SourceMapping.File mappingFile, Path file) {
        super(mappingFile, file, "soil");
        if (mapping.format() == null || !mapping.format().isGeometry()) {
            throw mappingFile.invalid("format.type", "soil is read from polygons ('geojson', 'shapefile', 'geopackage') or from a CSV "
                    + "table keyed by area ('csv')");
        }
        mappingFile.requireOneIdColumn("property", "the zone id");
        Map<String, SourceMapping.ColumnSpec> attrs = attributes(mappingFile, "property");
        this.projection = Reprojection.ofGeometry(mappingFile, file);
    }

    /**
     * The work for {@code mapping}: GeoJSON polygons, or a table keyed by area ({@code format.type: csv}) matched
     * against the areas of {@code areaSet} (overrides the mapping's {@code areas}; both absent: the store's only area
     * set), each row becoming a zone with its area's polygon so that {@link SoilOverlay} treats both forms alike.
     */
    public static IngestRun.Work of(SourceMapping.File mapping, Path file, String areaSet) {
        return mapping.mapping().format() != null && mapping.mapping().format().isCsv()
                ? new SoilAreaTable(mapping, file, areaSet) : new SoilIngest(mapping, file);
    }

    @Override
    public void stage(IngestRun run) {
        var checks = run.checks();
        IdentifierCheck ids = checks.identifier("soil_zone_id", TABLE, "zone_id");
        QualityCheck polygonOk = checks.define("soil_polygon_usable", TABLE, "geometry_wkt", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "polygon valid or safely repaired");
        QualityCheck polygonValid = checks.define("soil_polygon_valid_as_published", TABLE, "geometry_wkt",
                Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "polygon valid without repair");
        QualityCheck valuesOk = checks.define("soil_attribute_values", TABLE, null, Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "corrosivity and shrink-swell are 0..1 indices or known classes");
        checks.validateOverrides();
        Map<String, SourceMapping.ColumnSpec> attrs = mapping.attributes();
        boolean synthetic = Boolean.TRUE.equals(mapping.synthetic());
        WKTWriter wkt = new WKTWriter();
        stage = run.stage(SOIL_ZONES);
        RowVerdict v = new RowVerdict();
        @SuppressWarnings("unchecked")
        List<JsonNode>[] raw = new List[1];
        try (RecordSource in = run.open()) {
            int idCol = in.requireColumn(mapping.id().columns().get(0), "id.columns[0]");
            SoilValues.Columns soil = SoilValues.Columns.of(in, attrs);
            ExtraAttributes.Reader extras = run.extras(in);
            for (SourceRecord r; (r = in.next()) != null;) {
                v.reset(r);
                String id = r.trimmed(idCol);
                ids.check(v, id, "feature " + r.line());
                List<String> repairs = new ArrayList<>();
                Geometry g = r.geometry();
                if (g == null && r.geometryError() != null && r.geometryError().contains("unreadable geometry")) {
                    g = SoilGeometry.readWithRingsClosed(file, r.line(), raw);
                    if (g != null) {
                        repairs.add("repaired_unclosed_ring");
                    }
                }
                String problem = g == null ? (r.geometryError() == null ? "no geometry" : r.geometryError()) : null;
                Geometry polygon = null;
                if (g != null) {
                    Geometry wgs = Geometries.toWgs84(g, projection);
                    if (wgs == null) {
                        problem = Geometries.vertexProblem(g, projection);
                    } else {
                        Polygons.Outcome o = Polygons.validate(wgs);
                        problem = o.problem();
                        polygon = o.polygon();
                        if (o.repairFlag() != null) {
                            repairs.add(o.repairFlag());
                        }
                    }
                }
                v.check(polygonOk, problem == null, "geometry", null, "feature " + r.line() + " (zone '" + id + "'): "
                        + problem);
                v.check(polygonValid, repairs.isEmpty(), "geometry", String.join(",", repairs), "feature " + r.line()
                        + ": " + String.join(", ", repairs));
                SoilValues values = soil.read(r);
                v.check(valuesOk, values.problem() == null, null, values.problem(), "feature " + r.line() + ": "
                        + values.problem());
                Object[] extra = extras.read(r, v);
                if (!run.count(v)) {
                    continue;
                }
                extras.add(id, extra);
                LocalMetric plane = new LocalMetric(polygon.getCentroid().getY());
                String flags = v.flagText();
                if (!repairs.isEmpty()) {
                    flags = (flags == null ? "" : flags + ",") + String.join(",", repairs);
                }
                stage.add(id, values.type(), values.corrosivity(), values.corrosivityClass(), values.shrinkSwell(),
                        values.shrinkSwellClass(), synthetic, mapping.source(), wkt.write(polygon),
                        plane.toPlane(polygon).getArea() / 1e6, flags, run.runId());
            }
        }
    }

    /** A 0..1 index, or a class turned into the middle of its band; {@code null} when absent. */
    static Double index(String text, String[] classes) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i].equals(t)) {
                return (i + 0.5) / classes.length;
            }
        }
        double d = io.breakwater.etl.internal.Numbers.decimal(t);
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("'" + text + "' is neither a 0..1 index nor one of "
                    + String.join(", ", classes));
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("index '" + text + "' is outside 0..1");
        }
        return d;
    }

    static String cls(Double index, String[] classes) {
        return index == null ? null : classes[Math.min(classes.length - 1, (int) (index * classes.length))];
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        return stage.mergeInto(List.of(SOIL_ZONES.ZONE_ID), List.of(), run.spec().mode() == LoadMode.FULL_REFRESH
                ? SOIL_ZONES.SOURCE_NAME.eq(mapping.source()) : null);
    }

    /**
     * The mapping's soil attributes (soilType, corrosivity, shrinkSwell), each naming its {@code field} (a GeoJSON
     * property or a CSV column); refused naming the key when none is mapped, one is unknown or lacks its field.
     */
    static Map<String, SourceMapping.ColumnSpec> attributes(SourceMapping.File mappingFile, String field) {
        Map<String, SourceMapping.ColumnSpec> attrs = mappingFile.mapping().attributes() == null ? Map.of()
                : mappingFile.mapping().attributes();
        if (attrs.isEmpty()) {
            throw mappingFile.invalid("attributes", "missing: map at least one of " + ATTRIBUTES.stream().sorted().toList());
        }
        for (var e : attrs.entrySet()) {
            if (!ATTRIBUTES.contains(e.getKey())) {
                throw mappingFile.invalid("attributes." + e.getKey(), "unknown attribute; expected one of "
                        + ATTRIBUTES.stream().sorted().toList() + " (declare other columns under extra:)");
            }
            if (e.getValue() == null || e.getValue().column() == null) {
                throw mappingFile.invalid("attributes." + e.getKey() + ".column", "missing " + field + " name");
            }
        }
        return attrs;
    }
}
