package io.breakwater.etl.soil;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.SOIL_ZONES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.ExtraAttributes;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.LoadMode;
import io.breakwater.etl.MappedWork;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.QualityChecks;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.RowVerdict;
import io.breakwater.etl.Severity;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.StagedTable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Soil as a table keyed by area: a CSV (through its mapping, {@code format.type: csv}) of area code to soil type,
 * corrosivity and shrink-swell potential, for a city that publishes soil per district rather than as polygons. Each
 * row becomes a soil zone whose polygon is its area's ({@code zone_id = source:area_code}), so that
 * {@link SoilOverlay} gives {@code area_soil}, pipes, breaks and the feature build exactly the shape the polygon
 * layer gives: the area's own zone, covering it whole. The areas must be loaded first; a code the area set does not
 * hold is rejected with the reason. Use it through {@link io.breakwater.etl.Ingest#soil}.
 */
final class SoilAreaTable extends MappedWork {
    private static final String TABLE = "soil_zones";
    private final String areaSet;
    private StagedTable stage;

    /** One area of the set: what a soil row borrows from it. */
    private record Area(String id, String geometryWkt, Double km2) {
    }

    /** Validates the mapping before any record is read; {@code areaSet} overrides the mapping's {@code areas}. */
    SoilAreaTable(SourceMapping.File mappingFile, Path file, String areaSet) {
        super(mappingFile, file, "soil");
        if (mapping.format() == null || !mapping.format().isCsv()) {
            throw mappingFile.invalid("format.type", "a soil table keyed by area is read from CSV: expected 'csv'");
        }
        mappingFile.requireOneIdColumn("column", "the area code (areas.area_code of the area set)");
        Map<String, SourceMapping.ColumnSpec> attrs = SoilIngest.attributes(mappingFile, "column");
        if (mapping.crs() != null || mapping.format().crs() != null) {
            throw mappingFile.invalid(mapping.crs() != null ? "crs" : "format.crs", "a soil table keyed by area has no "
                    + "geometry: the areas' polygons are used");
        }
        this.areaSet = areaSet != null ? areaSet : mapping.areas();
    }

    @Override
    public void stage(IngestRun run) {
        String set = resolveAreaSet(run);
        Map<String, Area> areas = new HashMap<>();
        run.store().dsl().select(AREAS.AREA_CODE, AREAS.AREA_ID, AREAS.GEOMETRY_WKT, AREAS.AREA_KM2).from(AREAS)
                .where(AREAS.AREA_SET.eq(set)).fetch()
                .forEach(a -> areas.put(a.value1(), new Area(a.value2(), a.value3(), a.value4())));
        var checks = run.checks();
        QualityCheck codePresent = checks.define("soil_area_code_not_null", TABLE, "zone_id", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "area code present");
        QualityCheck codeKnown = checks.define("soil_area_known", TABLE, "zone_id", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "the area code is an area of '" + set + "'");
        QualityCheck codeUnique = checks.define("soil_area_unique", TABLE, "zone_id", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "one row per area");
        QualityCheck valuesOk = checks.define("soil_attribute_values", TABLE, null, Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "corrosivity and shrink-swell are 0..1 indices or known classes");
        QualityCheck covered = checks.define("soil_areas_covered", TABLE, "zone_id", Severity.WARN_RUN, 1.0,
                "every area of '" + set + "' has a soil row");
        checks.validateOverrides();
        Map<String, SourceMapping.ColumnSpec> attrs = mapping.attributes();
        boolean synthetic = Boolean.TRUE.equals(mapping.synthetic());
        stage = run.stage(SOIL_ZONES);
        RowVerdict v = new RowVerdict();
        Set<String> seen = new HashSet<>();
        Set<String> loaded = new HashSet<>();
        run.progress().started("ingest soil table " + file.getFileName(), -1, "rows");
        try (RecordSource in = run.open()) {
            int codeCol = in.requireColumn(mapping.id().columns().get(0), "id.columns[0]");
            SoilValues.Columns soil = SoilValues.Columns.of(in, attrs);
            ExtraAttributes.Reader extras = run.extras(in);
            String codeName = mapping.id().columns().get(0);
            for (SourceRecord r; (r = in.next()) != null;) {
                v.reset(r);
                if (r.size() != in.header().size()) {
                    v.reject("column_count", null, null, file + ": line " + r.line() + ": " + r.size()
                            + " columns, expected " + in.header().size());
                    run.count(v);
                    continue;
                }
                int undecodable = r.firstUndecodableField();
                if (undecodable >= 0) {
                    String column = in.header().get(undecodable);
                    v.reject("encoding_valid", column, r.get(undecodable), file + ": line " + r.line() + ", column "
                            + (undecodable + 1) + " (" + column + "): '" + r.get(undecodable) + "' holds bytes that "
                            + "are not valid " + (mapping.format().encoding() == null ? "UTF-8" : mapping.format().encoding()));
                    run.count(v);
                    continue;
                }
                String code = r.trimmed(codeCol);
                Area area = code == null ? null : areas.get(code);
                if (!v.check(codePresent, code != null, codeName, null, file + ": line " + r.line() + ", column "
                        + (codeCol + 1) + " (" + codeName + "): the area code is empty")
                        || !v.check(codeKnown, area != null, codeName, code, file + ": line " + r.line() + ", column "
                                + (codeCol + 1) + " (" + codeName + "): '" + code + "' is not an area code of area set '"
                                + set + "' (" + areas.size() + " areas)")
                        || !v.check(codeUnique, seen.add(code), codeName, code, file + ": line " + r.line() + ", column "
                                + (codeCol + 1) + " (" + codeName + "): area '" + code + "' appears more than once")) {
                    run.count(v);
                    continue;
                }
                SoilValues values = soil.read(r);
                String problem = values.problem();
                int problemCol = values.problemColumn();
                String column = problem == null ? null : in.header().get(problemCol);
                v.check(valuesOk, problem == null, column, problem == null ? null : r.trimmed(problemCol),
                        problem == null ? null : file + ": line " + r.line() + ", column " + (problemCol + 1) + " ("
                                + column + "): " + problem);
                Object[] extra = extras.read(r, v);
                if (!run.count(v) || area == null) {
                    continue; // (area == null only when soil_area_known is overridden to flag the row)
                }
                loaded.add(code);
                extras.add(mapping.source() + ":" + code, extra);
                stage.add(mapping.source() + ":" + code, values.type(), values.corrosivity(), values.corrosivityClass(),
                        values.shrinkSwell(), values.shrinkSwellClass(), synthetic, mapping.source(), area.geometryWkt(),
                        area.km2(), null, run.runId());
            }
        }
        if (run.rowsRead() == 0) {
            throw run.noRecords("data rows");
        }
        long n = areas.size();
        long with = loaded.size();
        covered.measure(n, n - with, n == 0 ? null : (double) with / n, String.format(Locale.ROOT,
                "%d of %d areas of '%s' have a soil row", with, n, set));
        areas.keySet().stream().filter(code -> !loaded.contains(code)).sorted().limit(5).forEach(covered::sample);
        run.progress().finished("ingest soil table " + file.getFileName(), null);
    }

    private String resolveAreaSet(IngestRun run) {
        String set = areaSet;
        if (set == null) {
            List<String> sets = run.store().dsl().selectDistinct(AREAS.AREA_SET).from(AREAS).orderBy(AREAS.AREA_SET)
                    .fetch(AREAS.AREA_SET);
            if (sets.size() != 1) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "a soil table keyed by area needs its "
                        + "area set: " + (sets.isEmpty() ? "the store holds no areas: ingest them first"
                        : "the store holds " + sets + "; name one with the mapping's areas key, or give it with the "
                                + "run"));
            }
            set = sets.get(0);
        }
        if (run.store().dsl().fetchCount(AREAS, AREAS.AREA_SET.eq(set)) == 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "area set '" + set + "' has no areas in "
                    + run.store().location() + ": ingest that area set first");
        }
        return set;
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        return stage.mergeInto(List.of(SOIL_ZONES.ZONE_ID), List.of(), run.spec().mode() == LoadMode.FULL_REFRESH
                ? SOIL_ZONES.SOURCE_NAME.eq(mapping.source()) : null);
    }
}
