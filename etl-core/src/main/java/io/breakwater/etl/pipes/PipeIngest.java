package io.breakwater.etl.pipes;

import static io.breakwater.db.schema.Tables.PIPES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.etl.ExtraAttributes;
import io.breakwater.etl.IdentifierCheck;
import io.breakwater.etl.InstallYears;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.LoadMode;
import io.breakwater.etl.MappedWork;
import io.breakwater.etl.Material;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.QualityChecks;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.Reprojection;
import io.breakwater.etl.RowVerdict;
import io.breakwater.etl.Severity;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.StagedTable;
import io.breakwater.etl.Units;
import io.breakwater.etl.env.internal.Geometries;
import io.breakwater.etl.env.internal.Polygons;
import io.breakwater.etl.env.internal.LocalMetric;
import io.breakwater.etl.internal.Numbers;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;

/**
 * Pipe inventory ingest: GeoJSON lines or an attribute-only CSV into {@code pipes}, through the ingest machinery
 * (one transaction, run log, rejects, quality results, idempotent merge by pipe id).
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(store).pipes(Path.of("pipes-mapping.yaml"), Path.of("pipes.geojson"));
 * }</pre>
 *
 * Mapping keys: {@code id.columns} (one column, the asset id breaks refer to), {@code crs} (GeoJSON, default WGS84),
 * {@code attributes.material} (column and {@code codes} onto the vocabulary), {@code attributes.diameter} (unit
 * {@code mm} or {@code in}), {@code attributes.installYear} (a year or an ISO date), {@code attributes.length}
 * (unit {@code m} or {@code ft}; required for CSV, else measured on the line), {@code attributes.status} (codes onto
 * {@code active}/{@code abandoned}), {@code attributes.pressureZone}.
 */
public final class PipeIngest extends MappedWork {
    private static final String TABLE = "pipes";
    /** The longest plausible single pipe record, metres. */
    static final double MAX_LENGTH_M = 100_000;
    private static final Set<String> ATTRIBUTES = Set.of("material", "diameter", "installYear", "length", "status",
            "pressureZone");
    private final Reprojection projection;
    private final double diameterFactor;
    private final double lengthFactor;
    private final InstallYears installDates;
    private StagedTable stage;

    /** Validates the mapping before any record is read. */
    public PipeIngest(SourceMapping.File mappingFile, Path file) {
        super(mappingFile, file, "pipes");
        if (mapping.format() == null || !(mapping.format().isGeometry() || mapping.format().isCsv())) {
            throw mappingFile.invalid("format.type", "pipes are read from 'geojson', 'shapefile', 'geopackage' (lines) or 'csv' (attributes only)");
        }
        mappingFile.requireOneIdColumn("column", "the pipe's asset id");
        Map<String, SourceMapping.ColumnSpec> attrs = attributes();
        for (String key : attrs.keySet()) {
            if (!ATTRIBUTES.contains(key)) {
                throw mappingFile.invalid("attributes." + key, "unknown attribute; expected one of "
                        + ATTRIBUTES.stream().sorted().toList() + " (declare other columns under extra:)");
            }
            if (attrs.get(key) == null || attrs.get(key).column() == null) {
                throw mappingFile.invalid("attributes." + key + ".column", "missing column name");
            }
        }
        SourceMapping.ColumnSpec material = attrs.get("material");
        if (material != null && material.codes() != null) {
            material.codes().forEach((code, label) -> {
                if (Material.parse(label) == null) {
                    throw mappingFile.invalid("attributes.material.codes." + code, "'" + label
                            + "' is not in the material vocabulary " + List.of(Material.values()).stream()
                                    .map(Material::label).toList());
                }
            });
        }
        SourceMapping.ColumnSpec status = attrs.get("status");
        if (status != null && status.codes() != null) {
            status.codes().forEach((code, value) -> {
                if (!value.equals("active") && !value.equals("abandoned")) {
                    throw mappingFile.invalid("attributes.status.codes." + code, "'" + value
                            + "' is neither active nor abandoned");
                }
            });
        }
        this.diameterFactor = Units.ofAttribute(mappingFile, "diameter", "mm", "mm");
        this.lengthFactor = Units.ofAttribute(mappingFile, "length", "m", "m");
        this.installDates = InstallYears.of(mappingFile);
        if (mapping.format().isCsv() && attrs.get("length") == null) {
            throw mappingFile.invalid("attributes.length", "missing: a CSV inventory has no line to measure");
        }
        this.projection = Reprojection.ofGeometry(mappingFile, file);
    }

    private Map<String, SourceMapping.ColumnSpec> attributes() {
        return mapping.attributes() == null ? Map.of() : mapping.attributes();
    }

    @Override
    public void stage(IngestRun run) {
        var checks = run.checks();
        IdentifierCheck ids = checks.identifier("pipe_id", TABLE, "pipe_id");
        QualityCheck geometryOk = checks.define("pipe_geometry_line", TABLE, "geometry_wkt", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "geometry is a readable line in lon/lat range");
        QualityCheck numbers = checks.define("pipe_numbers_parse", TABLE, null, Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "diameter and length are numbers");
        QualityCheck hasGeometry = checks.define("pipe_has_geometry", TABLE, "geometry_wkt", Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "pipe has a line geometry");
        QualityCheck materialKnown = checks.define("pipe_material_known", TABLE, "material", Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "material maps onto the vocabulary").describing("attributes.material");
        QualityCheck diameterRange = checks.define("pipe_diameter_range", TABLE, "diameter_mm", Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "diameter within (0, 5000] mm").describing("attributes.diameter");
        QualityCheck lengthRange = checks.define("pipe_length_range", TABLE, "length_m", Severity.FLAG_ROW,
                QualityChecks.ROW_SHARE, "length within (0, " + (int) MAX_LENGTH_M + "] m, from the file or the line "
                        + "(an out-of-range length is replaced by the line's length, or left empty)")
                .describing("attributes.length");
        QualityCheck yearRange = checks.define("pipe_install_year_range", TABLE, "install_year", Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "install year readable" + installDates.describe() + " and within 1800..this year")
                .describing("attributes.installYear");
        QualityCheck statusKnown = checks.define("pipe_status_known", TABLE, "status", Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "status maps onto active/abandoned").describing("attributes.status");
        checks.validateOverrides();
        int thisYear = LocalDate.now(run.clock()).getYear();
        String source = mapping.source();
        WKTWriter wkt = new WKTWriter();
        stage = run.stage(PIPES);
        RowVerdict v = new RowVerdict();
        Map<String, SourceMapping.ColumnSpec> attrs = attributes();
        run.progress().started("ingest pipes", -1, "rows");
        try (RecordSource in = run.open()) {
            int idCol = in.requireColumn(mapping.id().columns().get(0), "id.columns[0]");
            int matCol = in.attributeColumn(attrs, "material");
            int diaCol = in.attributeColumn(attrs, "diameter");
            int yearCol = in.attributeColumn(attrs, "installYear");
            int lenCol = in.attributeColumn(attrs, "length");
            int statusCol = in.attributeColumn(attrs, "status");
            int zoneCol = in.attributeColumn(attrs, "pressureZone");
            ExtraAttributes.Reader extras = run.extras(in);
            for (SourceRecord r; (r = in.next()) != null;) {
                v.reset(r);
                String id = r.trimmed(idCol);
                ids.check(v, id, "line " + r.line());
                Geometry line = null;
                if (mapping.format().isGeometry()) {
                    Geometry g = r.geometry();
                    boolean missing = g == null && (r.geometryError() == null || r.geometryError().contains("no geometry"));
                    String problem = null;
                    if (g == null && !missing) {
                        problem = r.geometryError();
                    } else if (g != null && !(g instanceof LineString || g instanceof MultiLineString)) {
                        problem = "geometry is a " + g.getGeometryType() + ", expected a LineString or MultiLineString";
                    } else if (g != null) {
                        line = Geometries.toWgs84(g, projection);
                        if (line == null) {
                            problem = Geometries.vertexProblem(g, projection);
                        } else {
                            problem = Polygons.antimeridianProblem(line);
                            line = problem == null ? line : null;
                        }
                    }
                    v.check(geometryOk, problem == null, "geometry", g == null ? null : g.getGeometryType(),
                            "line " + r.line() + ": " + problem);
                    v.check(hasGeometry, !missing, "geometry", null, "line " + r.line() + ": no geometry");
                }
                String materialRaw = r.trimmed(matCol);
                Material material = matCol < 0 ? Material.UNKNOWN
                        : Material.map(materialRaw, attrs.get("material").codes());
                v.check(materialKnown, material != null && (matCol < 0 || materialRaw != null), "material",
                        materialRaw, "line " + r.line() + ": material '" + materialRaw + "' is not in the mapping's "
                                + "codes nor the vocabulary");
                Double diameter = number(r, diaCol);
                Double length = number(r, lenCol);
                boolean numbersOk = diameter == null || !diameter.isNaN();
                numbersOk &= length == null || !length.isNaN();
                v.check(numbers, numbersOk, numbersOk ? null : (diameter != null && diameter.isNaN()
                        ? attrs.get("diameter").column() : attrs.get("length").column()),
                        numbersOk ? null : (diameter != null && diameter.isNaN() ? r.trimmed(diaCol) : r.trimmed(lenCol)),
                        "line " + r.line() + ": diameter or length is not a number");
                if (diameter != null && !diameter.isNaN()) {
                    diameter = diameter * diameterFactor;
                    boolean ok = diameter > 0 && diameter <= 5000;
                    v.check(diameterRange, ok, "diameter_mm", r.trimmed(diaCol), "diameter out of range");
                    diameter = ok ? diameter : null;
                }
                Integer year = null;
                String yearText = r.trimmed(yearCol);
                if (yearText != null) {
                    year = installDates.year(yearText);
                    boolean ok = year != null && year >= 1800 && year <= thisYear;
                    v.check(yearRange, ok, "install_year", yearText, "install year '" + yearText + "' unreadable or "
                            + "outside 1800.." + thisYear);
                    year = ok ? year : null;
                }
                String statusRaw = r.trimmed(statusCol);
                String status = null;
                if (statusRaw != null) {
                    Map<String, String> codes = attrs.get("status").codes();
                    if (codes != null) {
                        status = codes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(statusRaw))
                                .map(Map.Entry::getValue).findFirst().orElse(null);
                    }
                    if (status == null && (statusRaw.equalsIgnoreCase("active") || statusRaw.equalsIgnoreCase("abandoned"))) {
                        status = statusRaw.toLowerCase(Locale.ROOT);
                    }
                    v.check(statusKnown, status != null, "status", statusRaw, "status '" + statusRaw + "' unknown");
                }
                Object[] extra = extras.read(r, v);
                if (!run.count(v)) {
                    continue;
                }
                extras.add(id, extra);
                length = length(v, lengthRange, r, lenCol, length == null ? null : length * lengthFactor, line);
                Point centroid = line == null ? null : line.getCentroid();
                stage.add(id, source, (material == null ? Material.UNKNOWN : material).label(), materialRaw, diameter,
                        year, length, status, r.trimmed(zoneCol), line == null ? null : wkt.write(line),
                        centroid == null ? null : centroid.getX(), centroid == null ? null : centroid.getY(), null,
                        null, v.flagText(), run.runId(), r.line());
                if (run.rowsRead() % 10_000 == 0) {
                    run.progress().progressed("ingest pipes", run.rowsRead());
                }
            }
        }
        run.progress().finished("ingest pipes", null);
    }

    /**
     * The pipe's length in metres: the file's when in range, else the line's when in range, else {@code null}; an
     * out-of-range length (zero, negative, longer than {@value #MAX_LENGTH_M} m) is flagged with its value.
     */
    private static Double length(RowVerdict v, QualityCheck range, SourceRecord r, int lenCol, Double fromFile,
            Geometry line) {
        Double fromLine = line == null ? null : Math.round(LocalMetric.lengthMetres(line) * 100) / 100.0;
        Double length = fromFile != null ? fromFile : fromLine;
        if (length == null || (length > 0 && length <= MAX_LENGTH_M)) {
            v.pass(range);
            return length;
        }
        v.fail(range, fromFile != null ? "length" : "geometry", fromFile != null ? r.trimmed(lenCol)
                : String.valueOf(fromLine), "line " + r.line() + ": length " + length + " m is outside (0, "
                + (int) MAX_LENGTH_M + "] m");
        return fromFile != null && fromLine != null && fromLine > 0 && fromLine <= MAX_LENGTH_M ? fromLine : null;
    }

    /** The number at {@code col}; {@code null} when blank or no column; NaN when it is not a decimal number. */
    private static Double number(SourceRecord r, int col) {
        String t = r.trimmed(col);
        return t == null ? null : Numbers.decimal(t);
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        // area and soil zone are derived by later steps (SoilOverlay, ...): a re-ingest neither compares nor keeps them
        return stage.mergeInto(List.of(PIPES.PIPE_ID), List.of(PIPES.SOURCE_NAME, PIPES.MATERIAL, PIPES.MATERIAL_RAW,
                PIPES.DIAMETER_MM, PIPES.INSTALL_YEAR, PIPES.LENGTH_M, PIPES.STATUS, PIPES.PRESSURE_ZONE,
                PIPES.GEOMETRY_WKT, PIPES.FLAGS), run.spec().mode() == LoadMode.FULL_REFRESH
                        ? PIPES.SOURCE_NAME.eq(mapping.source()) : null);
    }
}
