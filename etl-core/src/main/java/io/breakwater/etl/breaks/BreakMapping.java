package io.breakwater.etl.breaks;

import io.breakwater.db.BreakwaterException;
import io.breakwater.etl.AreaIndex;
import io.breakwater.etl.DatePatterns;
import io.breakwater.etl.InstallYears;
import io.breakwater.etl.Material;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.Reprojection;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.Units;
import io.breakwater.etl.internal.SpatialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;

/**
 * A break mapping, validated: everything a break ingest derives from its {@link SourceMapping.File} (date patterns,
 * install years, projections, agreement distance, service area, diameter unit, duplicate distance, freshness, area
 * set). Made before any transaction opens, so that a mapping which cannot work is refused naming its key; immutable.
 * Derived values are final fields; the keys as written are read through methods.
 */
final class BreakMapping {
    private static final Set<String> ATTRIBUTES = Set.of("assetId", "material", "diameter", "installYear", "breakType",
            "address");

    /** A delimited file, whose records must have as many fields as the header. */
    final boolean csv;
    final DatePatterns dates;
    final InstallYears installYears;
    /** The coordinate pairs in the order they are tried (GeoJSON: the point geometry when none are named). */
    final List<SourceMapping.CoordinatePair> pairs;
    final double agreementMetres;
    /** How many millimetres one unit of the diameter column is. */
    final double diameterFactor;
    /** Same-day rows within this distance are near duplicates; 0: not checked. */
    final double placeMetres;
    /** A break of an earlier source on the same day within this distance is repeated; 0: ids and dates only. */
    final double acrossSourcesMetres;
    final int maxAgeDays;
    /** The area set named (by the caller, else the mapping), or {@code null}: the store's only one. */
    final String areaSet;
    private final SourceMapping.File mappingFile;
    private final SourceMapping m;
    private final List<Reprojection> projections;
    private final double[] boundingBox;
    private final AreaIndex boundary;

    /**
     * Validates {@code mappingFile} for {@code file} (a geometry file's own CRS is the default of its point pair);
     * {@code areaSet} (may be {@code null}) overrides its {@code areas}.
     */
    BreakMapping(SourceMapping.File mappingFile, Path file, String areaSet) {
        this.mappingFile = mappingFile;
        this.m = mappingFile.mapping();
        SourceMapping.requireKind(mappingFile, "breaks");
        SourceMapping.Format format = m.format();
        if (format != null && format.type() != null && !format.isCsv() && !format.isGeometry()) {
            throw mappingFile.invalid("format.type", "expected csv, geojson, shapefile or geopackage, found '"
                    + format.type() + "'");
        }
        csv = m.format() == null || !m.format().isGeometry();
        if (m.id() == null || m.id().columns() == null || m.id().columns().isEmpty()) {
            throw mappingFile.invalid("id.columns", "missing: one id column, or the columns whose values identify a record");
        }
        this.dates = DatePatterns.ofDate(mappingFile);
        this.installYears = InstallYears.of(mappingFile);
        this.pairs = validPairs();
        this.projections = projections(format, file);
        Double agreement = m.coordinates() == null ? null : m.coordinates().agreementMetres();
        if (agreement != null && !(agreement > 0)) {
            throw mappingFile.invalid("coordinates.agreementMetres", "expected a positive distance in metres, found " + agreement);
        }
        this.agreementMetres = agreement == null ? 100 : agreement;
        checkAttributes();
        this.diameterFactor = Units.ofAttribute(mappingFile, "diameter", "mm", "mm");
        this.boundingBox = boundingBox();
        this.boundary = boundary();
        Double place = m.duplicates() == null ? null : m.duplicates().placeMetres();
        if (place != null && place < 0) {
            throw mappingFile.invalid("duplicates.placeMetres", "expected a distance >= 0, found " + place);
        }
        this.placeMetres = place == null ? 0 : place;
        Double across = m.duplicates() == null ? null : m.duplicates().acrossSourcesMetres();
        if (across != null && !(across >= 0)) {
            throw mappingFile.invalid("duplicates.acrossSourcesMetres", "expected a distance >= 0, found " + across);
        }
        this.acrossSourcesMetres = across == null ? 25 : across;
        Integer age = m.freshness() == null ? null : m.freshness().maxAgeDays();
        if (age != null && age <= 0) {
            throw mappingFile.invalid("freshness.maxAgeDays", "expected a positive number of days, found " + age);
        }
        this.maxAgeDays = age == null ? 365 : age;
        this.areaSet = areaSet != null ? areaSet : m.areas();
    }

    private List<SourceMapping.CoordinatePair> validPairs() {
        if (m.coordinates() != null && m.coordinates().pairs() != null && !m.coordinates().pairs().isEmpty()) {
            return m.coordinates().pairs();
        }
        if (m.format() != null && m.format().isGeometry()) {
            return List.of(new SourceMapping.CoordinatePair("geometry.x", "geometry.y", null));
        }
        throw mappingFile.invalid("coordinates.pairs", "missing: at least one pair of x/y columns with its CRS");
    }

    private List<Reprojection> projections(SourceMapping.Format format, Path file) {
        List<Reprojection> projections = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            SourceMapping.CoordinatePair p = pairs.get(i);
            if (p.x() == null || p.y() == null) {
                throw mappingFile.invalid("coordinates.pairs[" + i + "]", "both x and y columns are required");
            }
            String crs = p.crs() != null ? p.crs() : format != null && format.crs() != null ? format.crs() : m.crs();
            if (p.crs() == null && format != null && format.isGeometry()) {
                crs = Reprojection.ofGeometry(mappingFile, file).crs();
            }
            if (crs == null) {
                throw mappingFile.invalid("coordinates.pairs[" + i + "].crs", "missing CRS (an EPSG code such as EPSG:2019, or a proj string)");
            }
            try {
                projections.add(Reprojection.toWgs84(crs, "coordinates.pairs[" + i + "].crs"));
            } catch (BreakwaterException e) {
                throw mappingFile.invalid("coordinates.pairs[" + i + "].crs", "unknown CRS '" + crs + "'");
            }
        }
        return List.copyOf(projections);
    }

    private void checkAttributes() {
        if (m.attributes() == null) {
            return;
        }
        for (Map.Entry<String, SourceMapping.ColumnSpec> e : m.attributes().entrySet()) {
            if (!ATTRIBUTES.contains(e.getKey())) {
                throw mappingFile.invalid("attributes." + e.getKey(), "unknown attribute; breaks know "
                        + ATTRIBUTES.stream().sorted().toList() + " (declare other columns under extra:)");
            }
            if (e.getValue() == null || e.getValue().column() == null) {
                throw mappingFile.invalid("attributes." + e.getKey() + ".column", "missing column name");
            }
        }
        SourceMapping.ColumnSpec material = m.attributes().get("material");
        if (material != null && material.codes() != null) {
            for (Map.Entry<String, String> code : material.codes().entrySet()) {
                if (Material.parse(code.getValue()) == null) {
                    throw mappingFile.invalid("attributes.material.codes." + code.getKey(), "'" + code.getValue()
                            + "' is not in the material vocabulary " + Arrays.stream(Material.values()).map(Material::label).toList());
                }
            }
        }
    }

    private double[] boundingBox() {
        if (m.serviceArea() == null || m.serviceArea().boundingBox() == null) {
            return null;
        }
        List<Double> b = m.serviceArea().boundingBox();
        if (b.size() != 4 || b.stream().anyMatch(v -> v == null || !Double.isFinite(v)) || b.get(0) >= b.get(2)
                || b.get(1) >= b.get(3)) {
            throw mappingFile.invalid("serviceArea.boundingBox", "expected [minLon, minLat, maxLon, maxLat] with min < max, found " + b);
        }
        return new double[] {b.get(0), b.get(1), b.get(2), b.get(3)};
    }

    private AreaIndex boundary() {
        if (m.serviceArea() == null || m.serviceArea().boundary() == null) {
            return null;
        }
        Path path = mappingFile.resolve(m.serviceArea().boundary());
        if (!Files.isRegularFile(path)) {
            throw mappingFile.invalid("serviceArea.boundary", "file " + path + " does not exist");
        }
        List<String> ids = new ArrayList<>();
        List<Geometry> geometries = new ArrayList<>();
        try (RecordSource in = SpatialFiles.openInWgs84(path)) {
            for (SourceRecord r; (r = in.next()) != null; ) {
                if (r.geometry() != null) {
                    ids.add(Long.toString(r.line()));
                    geometries.add(r.geometry());
                }
            }
        }
        if (ids.isEmpty()) {
            throw mappingFile.invalid("serviceArea.boundary", "file " + path + " holds no polygon");
        }
        return AreaIndex.of(ids, geometries);
    }

    SourceMapping.File file() {
        return mappingFile;
    }

    /** The mapping as written. */
    SourceMapping mapping() {
        return m;
    }

    String source() {
        return m.source();
    }

    String encodingName() {
        return m.format() == null || m.format().encoding() == null ? "UTF-8" : m.format().encoding();
    }

    /** The natural key's columns, as named. */
    List<String> idColumns() {
        return m.id().columns();
    }

    /** One id column, a real id: a repeat is an error rather than a second record. */
    boolean realId() {
        return m.id().columns().size() == 1;
    }

    String dateColumn() {
        return m.date().column();
    }

    /** The stated-year column, or {@code null}. */
    String yearColumn() {
        return m.year() == null ? null : m.year().column();
    }

    /** Pair {@code i}'s reprojection to lon/lat. */
    Reprojection projection(int i) {
        return projections.get(i);
    }

    /** A bounding box or a boundary is set. */
    boolean hasServiceArea() {
        return boundingBox != null || boundary != null;
    }

    /** Inside the bounding box, else the boundary; {@code true} when neither is set. */
    boolean inServiceArea(double lon, double lat) {
        return boundingBox != null
                ? lon >= boundingBox[0] && lon <= boundingBox[2] && lat >= boundingBox[1] && lat <= boundingBox[3]
                : boundary == null || boundary.locate(lon, lat) != null;
    }

    /** Attribute {@code name}'s column and codes, or {@code null} when not mapped. */
    SourceMapping.ColumnSpec attribute(String name) {
        return m.attributes() == null ? null : m.attributes().get(name);
    }

    /** The mapping's columns in {@code in}'s header; a column the header lacks is refused, naming its key. */
    Columns columns(RecordSource in) {
        int[] idCols = new int[idColumns().size()];
        for (int i = 0; i < idCols.length; i++) {
            idCols[i] = in.requireColumn(idColumns().get(i), "id.columns[" + i + "]");
        }
        int dateCol = in.requireColumn(dateColumn(), "date.column");
        int yearCol = m.year() == null ? -1 : in.requireColumn(yearColumn(), "year.column");
        int[] xCols = new int[pairs.size()];
        int[] yCols = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            xCols[i] = in.requireColumn(pairs.get(i).x(), "coordinates.pairs[" + i + "].x");
            yCols[i] = in.requireColumn(pairs.get(i).y(), "coordinates.pairs[" + i + "].y");
        }
        boolean[] idIsCoordinate = new boolean[idCols.length];
        for (int i = 0; i < idCols.length; i++) {
            for (int j = 0; j < pairs.size(); j++) {
                idIsCoordinate[i] |= idCols[i] == xCols[j] || idCols[i] == yCols[j];
            }
        }
        return new Columns(in.header(), idCols, idIsCoordinate, dateCol, yearCol, xCols, yCols,
                column(in, "assetId"), column(in, "material"), column(in, "diameter"), column(in, "installYear"),
                column(in, "breakType"), column(in, "address"));
    }

    private int column(RecordSource in, String attribute) {
        SourceMapping.ColumnSpec spec = attribute(attribute);
        return spec == null ? -1 : in.requireColumn(spec.column(), "attributes." + attribute + ".column");
    }

    /**
     * Where the mapping's columns stand in one file's header; -1 for an attribute not mapped.
     *
     * @param idIsCoordinate id columns that are also coordinate columns: their numbers are normalised in the key
     */
    record Columns(List<String> header, int[] id, boolean[] idIsCoordinate, int date, int year, int[] x, int[] y,
            int assetId, int material, int diameter, int installYear, int breakType, int address) {
    }
}
