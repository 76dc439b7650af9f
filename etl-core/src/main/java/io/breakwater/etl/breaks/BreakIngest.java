package io.breakwater.etl.breaks;

import static io.breakwater.db.schema.Tables.AREAS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.AreaIndex;
import io.breakwater.etl.DatePatterns;
import io.breakwater.etl.ExtraAttributes;
import io.breakwater.etl.InstallYears;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.LoadMode;
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
import io.breakwater.etl.internal.Hashing;
import io.breakwater.etl.internal.LongIntMap;
import io.breakwater.etl.internal.SpatialFiles;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;

/**
 * Break-record ingest: reads a break file through its source mapping, cleans, reprojects, checks, assigns areas and
 * stages the accepted rows for {@code pipe_breaks_clean}. Use it through {@link io.breakwater.etl.Ingest#breaks}.
 */
public final class BreakIngest implements IngestRun.Work {
    static final String TABLE = "pipe_breaks_clean";
    private static final Set<String> ATTRIBUTES = Set.of("assetId", "material", "diameter", "installYear", "breakType",
            "address");
    private static final int PROGRESS_EVERY = 1 << 14;

    private final SourceMapping.File mappingFile;
    private final SourceMapping m;
    private final Path file;
    private final String areaSet;
    private final DatePatterns dates;
    private final InstallYears installYears;
    private final List<Reprojection> projections = new ArrayList<>();
    private final double agreementMetres;
    private final double[] boundingBox;
    private final AreaIndex boundary;
    private final double diameterFactor;
    private final double placeMetres;
    private final int maxAgeDays;
    private StagedTable stage;
    // per-run state of stage(), shared with processRow()
    private AreaIndex areas;
    private List<SourceMapping.CoordinatePair> pairs;
    private List<String> header;
    private LocalDate earliest;
    private LocalDate newest;
    private LocalDate today;
    private KeyOccurrences occurrences;
    private NearDuplicates near;
    private QualityCheck acceptedShare;
    private QualityCheck complete;
    private QualityCheck coordsAgree;
    private QualityCheck coordsNotNull;
    private QualityCheck coordsValid;
    private QualityCheck dateNotNull;
    private QualityCheck dateParses;
    private QualityCheck dateRange;
    private QualityCheck diameterRange;
    private QualityCheck encoding;
    private QualityCheck freshness;
    private QualityCheck idNotNull;
    private QualityCheck inArea;
    private QualityCheck inService;
    private QualityCheck installValid;
    private QualityCheck materialKnown;
    private QualityCheck nearDup;
    private QualityCheck unique;
    private QualityCheck yearMatches;
    private RowVerdict v;
    private ExtraAttributes.Reader extras;
    private SourceMapping.ColumnSpec materialSpec;
    private String source;
    private String step;
    private StringBuilder sb;
    private boolean csv;
    private boolean realId;
    private double[] lonLat;
    private double[] other;
    private int addressCol;
    private int assetCol;
    private int dateCol;
    private int diameterCol;
    private int headerSize;
    private int installCol;
    private int materialCol;
    private int typeCol;
    private int yearCol;
    private int[] idCols;
    private boolean[] idIsCoordinate; // id parts that are coordinates: numbers, normalised
    private int[] xCols;
    private int[] yCols;
    private long totalKb;

    /** Validates the mapping (before any row is read); every error names the mapping key. */
    public BreakIngest(SourceMapping.File mappingFile, Path file, String areaSet) {
        this.mappingFile = mappingFile;
        this.m = mappingFile.mapping();
        this.file = file;
        SourceMapping.requireKind(mappingFile, "breaks");
        SourceMapping.Format format = m.format();
        if (format != null && format.type() != null && !format.isCsv() && !format.isGeometry()) {
            throw mappingFile.invalid("format.type", "expected csv, geojson, shapefile or geopackage, found '" + format.type() + "'");
        }
        if (m.id() == null || m.id().columns() == null || m.id().columns().isEmpty()) {
            throw mappingFile.invalid("id.columns", "missing: one id column, or the columns whose values identify a record");
        }
        this.dates = DatePatterns.ofDate(mappingFile);
        this.installYears = InstallYears.of(mappingFile);
        List<SourceMapping.CoordinatePair> pairs = pairs();
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
        Double agreement = m.coordinates() == null ? null : m.coordinates().agreementMetres();
        if (agreement != null && !(agreement > 0)) {
            throw mappingFile.invalid("coordinates.agreementMetres", "expected a positive distance in metres, found " + agreement);
        }
        this.agreementMetres = agreement == null ? 100 : agreement;
        if (m.attributes() != null) {
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
        this.diameterFactor = Units.ofAttribute(mappingFile, "diameter", "mm", "mm");
        this.boundingBox = boundingBox();
        this.boundary = boundary();
        Double place = m.duplicates() == null ? null : m.duplicates().placeMetres();
        if (place != null && place < 0) {
            throw mappingFile.invalid("duplicates.placeMetres", "expected a distance >= 0, found " + place);
        }
        this.placeMetres = place == null ? 0 : place;
        Integer age = m.freshness() == null ? null : m.freshness().maxAgeDays();
        if (age != null && age <= 0) {
            throw mappingFile.invalid("freshness.maxAgeDays", "expected a positive number of days, found " + age);
        }
        this.maxAgeDays = age == null ? 365 : age;
        this.areaSet = areaSet != null ? areaSet : m.areas();
    }

    private List<SourceMapping.CoordinatePair> pairs() {
        if (m.coordinates() != null && m.coordinates().pairs() != null && !m.coordinates().pairs().isEmpty()) {
            return m.coordinates().pairs();
        }
        if (m.format() != null && m.format().isGeometry()) {
            return List.of(new SourceMapping.CoordinatePair("geometry.x", "geometry.y", null));
        }
        throw mappingFile.invalid("coordinates.pairs", "missing: at least one pair of x/y columns with its CRS");
    }

    private SourceMapping.ColumnSpec attribute(String name) {
        return m.attributes() == null ? null : m.attributes().get(name);
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

    @Override
    public void stage(IngestRun run) {
        areas = areaIndex(run);
        QualityChecks checks = run.checks();
        complete = checks.define("record_complete", TABLE, null, Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "every record has as many fields as the header");
        encoding = checks.define("encoding_valid", TABLE, null, Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "every field decodes in the declared encoding");
        idNotNull = checks.define("id_not_null", TABLE, "source_record_id", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "the natural-key columns hold a value");
        dateNotNull = checks.define("date_not_null", TABLE, "break_date", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "the date is present");
        dateParses = checks.define("date_parses", TABLE, "break_date", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "the date matches one of " + m.date().patterns());
        dateRange = checks.defineRelaxable("date_in_range", TABLE, "break_date", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "the date lies between 1800-01-01 and the run date");
        yearMatches = m.year() == null ? null : checks.define("year_matches_date", TABLE, "break_year",
                Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "the stated year (" + m.year().column() + ") equals the year of the date");
        coordsNotNull = checks.define("coordinates_not_null", TABLE, "lon", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "at least one coordinate pair is present");
        coordsValid = checks.define("coordinates_valid", TABLE, "lon", Severity.REJECT_ROW, QualityChecks.ROW_SHARE,
                "a coordinate pair is numeric, finite and reprojects to a valid lon/lat");
        coordsAgree = projections.size() < 2 ? null : checks.define("coordinates_agree", TABLE, "lon",
                Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "all coordinate pairs agree within " + fmt(agreementMetres) + " m");
        inService = boundingBox == null && boundary == null ? null : checks.defineRelaxable("inside_service_area",
                TABLE, "lon", Severity.REJECT_ROW, QualityChecks.ROW_SHARE, "the point lies inside the service area");
        inArea = areas == null ? null : checks.define("inside_an_area", TABLE, "area_id", Severity.FLAG_ROW,
                0.99, "the point lies in one of the " + areas.size() + " areas of '" + areaSet + "'");
        materialSpec = attribute("material");
        materialKnown = materialSpec == null ? null : checks.define("material_known", TABLE, "material",
                Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "the material maps onto the vocabulary")
                .describing("attributes.material");
        diameterRange = attribute("diameter") == null ? null : checks.define("diameter_in_range", TABLE,
                "diameter_mm", Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "the diameter is a number between 10 and 5000 mm")
                .describing("attributes.diameter");
        installValid = attribute("installYear") == null ? null : checks.define("install_year_valid", TABLE,
                "install_year", Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "the install year" + installYears.describe()
                        + " is a year between 1800 and the break's year").describing("attributes.installYear");
        realId = m.id().columns().size() == 1;
        unique = checks.defineRelaxable("unique_id", TABLE, "source_record_id",
                realId ? Severity.REJECT_ROW : Severity.FLAG_ROW, QualityChecks.ROW_SHARE,
                "no two records share " + (realId ? "an id" : "the key " + m.id().columns()));
        nearDup = placeMetres <= 0 ? null : checks.define("near_duplicate", TABLE, "break_date",
                Severity.FLAG_ROW, QualityChecks.ROW_SHARE, "no two records on the same day lie within " + fmt(placeMetres) + " m");
        freshness = checks.define("freshness", TABLE, "break_date", Severity.WARN_RUN, 1,
                "the newest break is at most " + maxAgeDays + " days old");
        acceptedShare = checks.define("accepted_share", TABLE, null, Severity.FAIL_RUN, 0.5,
                "at least half of the records are accepted");
        checks.validateOverrides();

        today = LocalDate.ofInstant(run.clock().instant(), dates.zone() == null ? ZoneOffset.UTC : dates.zone());
        earliest = LocalDate.of(1800, 1, 1);
        source = m.source();
        step = "ingest breaks";
        totalKb = Math.max(1, size(file) / 1024);
        run.progress().started(step, totalKb, "kB");
        stage = run.stageOrAppend(PIPE_BREAKS_CLEAN);
        v = new RowVerdict();
        int expectedRows = (int) Math.min(1 << 23, Math.max(1 << 16, size(file) / 64));
        occurrences = new KeyOccurrences(expectedRows);
        near = placeMetres > 0 ? new NearDuplicates(placeMetres, expectedRows) : null;
        lonLat = new double[2];
        other = new double[2];
        newest = null;
        sb = new StringBuilder(256);
        try (RecordSource in = run.open()) {
            headerSize = in.header().size();
            csv = m.format() == null || !m.format().isGeometry();
            idCols = new int[m.id().columns().size()];
            for (int i = 0; i < idCols.length; i++) {
                idCols[i] = in.requireColumn(m.id().columns().get(i), "id.columns[" + i + "]");
            }
            dateCol = in.requireColumn(m.date().column(), "date.column");
            yearCol = m.year() == null ? -1 : in.requireColumn(m.year().column(), "year.column");
            pairs = pairs();
            xCols = new int[pairs.size()];
            yCols = new int[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                xCols[i] = in.requireColumn(pairs.get(i).x(), "coordinates.pairs[" + i + "].x");
                yCols[i] = in.requireColumn(pairs.get(i).y(), "coordinates.pairs[" + i + "].y");
            }
            idIsCoordinate = new boolean[idCols.length];
            for (int i = 0; i < idCols.length; i++) {
                for (int j = 0; j < pairs.size(); j++) {
                    idIsCoordinate[i] |= idCols[i] == xCols[j] || idCols[i] == yCols[j];
                }
            }
            assetCol = column(in, "assetId");
            materialCol = column(in, "material");
            diameterCol = column(in, "diameter");
            installCol = column(in, "installYear");
            typeCol = column(in, "breakType");
            addressCol = column(in, "address");
            header = in.header();
            extras = run.extras(in);

            for (SourceRecord r; (r = in.next()) != null; ) {
                processRow(run, r, in);
            }
        }
        long read = run.rowsRead();
        if (read == 0) {
            throw run.noRecords("records");
        }
        long accepted = stage.rows();
        acceptedShare.measure(read, read - accepted, (double) accepted / read, String.format(Locale.ROOT,
                "%,d of %,d records accepted (%.1f%%)", accepted, read, 100.0 * accepted / read));
        if (newest != null) {
            long age = ChronoUnit.DAYS.between(newest, today);
            freshness.measure(1, age > maxAgeDays ? 1 : 0, (double) age, "the newest break (" + newest + ") is " + age
                    + " days old at the run date" + (age > maxAgeDays ? ", more than " + maxAgeDays : ""));
            if (age > maxAgeDays) {
                freshness.sample(newest.toString());
            }
        }
        run.progress().finished(step, null);
    }

    /** Reads, cleans and checks one record, and stages it when accepted. */
    private void processRow(IngestRun run, SourceRecord r, RecordSource in) {
            v.reset(r);
            if (csv && !((r.size() == headerSize) ? v.pass(complete) : v.fail(complete, null, Integer.toString(r.size()), "line " + r.line() + ": expected " + headerSize + " fields, found " + r.size()))) {
                run.count(v);
                return;
            }
            int bad = r.firstUndecodableField();
            if (!((bad < 0) ? v.pass(encoding) : v.fail(encoding, bad < 0 ? null : header.get(bad), bad < 0 ? null : r.get(bad), bad < 0 ? null : "line " + r.line() + " column " + header.get(bad) + ": bytes not valid in "
                            + encodingName()))) {
                run.count(v);
                return;
            }
            // natural key
            sb.setLength(0);
            boolean idMissing = false;
            for (int i = 0; i < idCols.length; i++) {
                String value = r.trimmed(idCols[i]);
                if (value == null) {
                    idMissing = true;
                    break;
                }
                if (i > 0) {
                    sb.append('|');
                }
                appendKeyPart(sb, idIsCoordinate[i] ? normaliseKeyPart(value) : value);
            }
            if (!((!idMissing) ? v.pass(idNotNull) : v.fail(idNotNull, String.join(",", m.id().columns()), null, "line " + r.line() + ": the id column(s) " + m.id().columns() + " are empty"))) {
                run.count(v);
                return;
            }
            String key = sb.toString();
            // date
            String dateRaw = r.trimmed(dateCol);
            if (!((dateRaw != null) ? v.pass(dateNotNull) : v.fail(dateNotNull, m.date().column(), null, "line " + r.line() + " column " + m.date().column() + ": the date is empty"))) {
                run.count(v);
                return;
            }
            LocalDateTime dateTime = dates.parse(dateRaw);
            if (!((dateTime != null) ? v.pass(dateParses) : v.fail(dateParses, m.date().column(), dateRaw, "line " + r.line() + " column "
                    + m.date().column() + ": '" + dateRaw + "' matches none of the patterns " + m.date().patterns()))) {
                run.count(v);
                return;
            }
            LocalDate date = dateTime.toLocalDate();
            boolean hasTime = dateTime.getNano() != 1;
            if (!((!date.isBefore(earliest) && !date.isAfter(today)) ? v.pass(dateRange) : v.fail(dateRange, m.date().column(), dateRaw, "line " + r.line() + " column " + m.date().column() + ": " + date + " is before 1800 or after the run date " + today))
                    && v.rejected()) {
                run.count(v);
                return;
            }
            if (yearMatches != null) {
                String y = r.trimmed(yearCol);
                boolean ok = y == null || y.equals(Integer.toString(date.getYear()));
                if (ok) {
                    v.pass(yearMatches);
                } else {
                    v.fail(yearMatches, m.year().column(), y, "line " + r.line() + ": stated year " + y
                        + " contradicts the date " + date);
                }
            }
            // coordinates: the first pair that parses, reprojects and (when a service area is set) lies in it
            int used = -1;
            int firstValid = -1;
            boolean anyPresent = false;
            String firstX = null;
            String firstY = null;
            double lon = Double.NaN;
            double lat = Double.NaN;
            double srcX = Double.NaN;
            double srcY = Double.NaN;
            for (int i = 0; i < xCols.length && used < 0; i++) {
                String xs = r.trimmed(xCols[i]);
                String ys = r.trimmed(yCols[i]);
                if (xs == null || ys == null) {
                    continue;
                }
                if (!anyPresent) {
                    firstX = xs;
                    firstY = ys;
                }
                anyPresent = true;
                double x = parseDouble(xs);
                double y = parseDouble(ys);
                if (projections.get(i).project(x, y, lonLat) && validLonLat(lonLat)) {
                    boolean inside = inService == null || inServiceArea(lonLat[0], lonLat[1]);
                    if (firstValid < 0 || inside) {
                        lon = lonLat[0];
                        lat = lonLat[1];
                        srcX = x;
                        srcY = y;
                    }
                    if (firstValid < 0) {
                        firstValid = i;
                    }
                    if (inside) {
                        used = i;
                    }
                }
            }
            if (!((anyPresent) ? v.pass(coordsNotNull) : v.fail(coordsNotNull, pairs.get(0).x(), null, "line " + r.line() + ": no coordinate pair is present"))) {
                run.count(v);
                return;
            }
            if (!((firstValid >= 0) ? v.pass(coordsValid) : v.fail(coordsValid, pairs.get(0).x(), firstX + " " + firstY, "line " + r.line()
                    + " columns " + pairs.get(0).x() + "/" + pairs.get(0).y() + ": (" + firstX + ", " + firstY
                    + ") is not a valid coordinate in " + projections.get(0).crs()))) {
                run.count(v);
                return;
            }
            if (used < 0) {
                used = firstValid;
            }
            if (coordsAgree != null) {
                double worst = 0;
                for (int i = 0; i < xCols.length; i++) {
                    String xs = r.trimmed(xCols[i]);
                    String ys = r.trimmed(yCols[i]);
                    if (i != used && xs != null && ys != null
                            && projections.get(i).project(parseDouble(xs), parseDouble(ys), other)) {
                        worst = Math.max(worst, Reprojection.distanceMetres(lon, lat, other[0], other[1]));
                    }
                }
                if (worst <= agreementMetres) {
                    v.pass(coordsAgree);
                } else {
                    v.fail(coordsAgree, pairs.get(used).x(), fmt(worst) + " m", "line " + r.line() + ": coordinate pairs differ by " + fmt(worst) + " m");
                }
            }
            if (inService != null && !((inServiceArea(lon, lat)) ? v.pass(inService) : v.fail(inService, pairs.get(used).x(), fmt6(lon) + " " + fmt6(lat), "line " + r.line() + ": (" + fmt6(lon) + ", " + fmt6(lat)
                            + ") lies outside the service area")) && v.rejected()) {
                run.count(v);
                return;
            }
            String areaId = null;
            if (inArea != null) {
                areaId = areas.locate(lon, lat);
                if (areaId != null) {
                    v.pass(inArea);
                } else {
                    v.fail(inArea, "area_id", fmt6(lon) + " " + fmt6(lat), null);
                }
            }
            // attributes
            String materialRaw = materialCol < 0 ? null : r.trimmed(materialCol);
            String material = null;
            if (materialKnown != null) {
                Material mat = Material.map(materialRaw, materialSpec.codes());
                if (mat != null) {
                    v.pass(materialKnown);
                } else {
                    v.fail(materialKnown, materialSpec.column(), materialRaw, null);
                }
                material = (mat == null ? Material.UNKNOWN : mat).label();
            }
            Double diameter = null;
            if (diameterRange != null) {
                String d = r.trimmed(diameterCol);
                if (d != null) {
                    double mm = parseDouble(d) * diameterFactor;
                    boolean ok = mm >= 10 && mm <= 5000;
                    if (ok) {
                        v.pass(diameterRange);
                    } else {
                        v.fail(diameterRange, attribute("diameter").column(), d, null);
                    }
                    diameter = Double.isFinite(mm) ? mm : null;
                } else {
                    diameterRange.pass();
                }
            }
            Integer installYear = null;
            if (installValid != null) {
                String y = r.trimmed(installCol);
                if (y != null) {
                    Integer iy = installYears.year(y);
                    if (iy != null && iy >= 1800 && iy <= date.getYear()) {
                        v.pass(installValid);
                    } else {
                        v.fail(installValid, attribute("installYear").column(), y, null);
                    }
                    installYear = iy;
                } else {
                    installValid.pass();
                }
            }
            // duplicates
            int occurrence = occurrences.increment(key);
            String recordId = occurrence == 1 ? key : key + "#" + occurrence;
            if (!((occurrence == 1) ? v.pass(unique) : v.fail(unique, String.join(",", m.id().columns()), key, "line " + r.line() + ": id " + key + " occurs again (occurrence " + occurrence + ")"))) {
                if (v.rejected()) {
                    run.count(v);
                    return;
                }
            }
            if (near != null) {
                boolean dup = occurrence == 1 && near.seen(date.toEpochDay(), lon, lat);
                if (!dup) {
                    v.pass(nearDup);
                } else {
                    v.fail(nearDup, m.date().column(), key, null);
                }
            }
            Object[] extra = extras.read(r, v);
            if (!run.count(v)) {
                return;
            }
            extras.add(source + ":" + recordId, extra);
            if (newest == null || date.isAfter(newest)) {
                newest = date;
            }
            String assetId = assetCol < 0 ? null : r.trimmed(assetCol);
            String breakType = typeCol < 0 ? null : r.trimmed(typeCol);
            String address = addressCol < 0 ? null : r.trimmed(addressCol);
            String flags = v.flagText();
            LocalDateTime time = hasTime ? dateTime : null;
            String crs = projections.get(used).crs();
            long h = Hashing.hash64(recordId);
            h = mix(h, date.toEpochDay());
            h = mix(h, time == null ? -1 : time.toLocalTime().toSecondOfDay());
            h = mix(h, Double.doubleToLongBits(lon));
            h = mix(h, Double.doubleToLongBits(lat));
            h = mix(h, Double.doubleToLongBits(srcX));
            h = mix(h, Double.doubleToLongBits(srcY));
            h = mix(h, used);
            h = mix(h, diameter == null ? -1 : Double.doubleToLongBits(diameter));
            h = mix(h, installYear == null ? -1 : installYear);
            h = mix(h, hashOrZero(crs));
            h = mix(h, hashOrZero(areaId));
            h = mix(h, hashOrZero(assetId));
            h = mix(h, hashOrZero(material));
            h = mix(h, hashOrZero(breakType));
            h = mix(h, hashOrZero(address));
            h = mix(h, hashOrZero(flags));
            stage.add(source + ":" + recordId, source, recordId, date, time, date.getYear(), date.getMonthValue(),
                    lon, lat, srcX, srcY, crs, areaId, null, null, null, null, assetId, material, diameter,
                    installYear, breakType, address, flags, java.util.HexFormat.of().toHexDigits(h), run.runId(), r.line());
            if ((run.rowsRead() & (PROGRESS_EVERY - 1)) == 0) {
                run.progress().progressed(step, in.bytesRead() / 1024);
            }
    }

    @Override
    public LoadCounts persist(IngestRun run) {
        return stage.mergeInto(List.of(PIPE_BREAKS_CLEAN.BREAK_ID), List.of(PIPE_BREAKS_CLEAN.RECORD_HASH),
                run.spec().mode() == LoadMode.FULL_REFRESH ? PIPE_BREAKS_CLEAN.SOURCE_NAME.eq(m.source()) : null);
    }

    private AreaIndex areaIndex(IngestRun run) {
        String set = areaSet;
        if (set == null) {
            List<String> sets = run.store().dsl().selectDistinct(AREAS.AREA_SET).from(AREAS).orderBy(AREAS.AREA_SET)
                    .fetch(AREAS.AREA_SET);
            if (sets.size() > 1) {
                // guessing would assign the breaks to one set this run and another the next (or to none)
                throw mappingFile.invalid("areas", "missing: the store holds " + sets.size() + " area sets " + sets
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

    private int column(RecordSource in, String attribute) {
        SourceMapping.ColumnSpec spec = attribute(attribute);
        return spec == null ? -1 : in.requireColumn(spec.column(), "attributes." + attribute + ".column");
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    private static long hashOrZero(String s) {
        return s == null ? 0 : Hashing.hash64(s);
    }

    /**
     * One part of a natural key, with backslash, {@code |} and {@code #} escaped by a backslash: the parts are
     * joined by {@code |} and a repeated key takes {@code #2}, {@code #3}..., so that no two different keys (or a key
     * and a repeat) can read the same.
     */
    static void appendKeyPart(StringBuilder key, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' || c == '|' || c == '#') {
                key.append('\\');
            }
            key.append(c);
        }
    }

    /** Numbers in a canonical plain form ("3.15e+005" and "315000.0" are both "315000"), other text as is. */
    static String normaliseKeyPart(String value) {
        char c = value.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            if (isCanonicalNumber(value)) {
                return value;
            }
            try {
                BigDecimal number = new BigDecimal(value).stripTrailingZeros();
                // "9e999999999" would spell out a billion digits: such a value is no coordinate, keep its text
                return Math.abs(number.scale()) > 64 ? value : number.toPlainString();
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** Digits, at most one '.', no leading zero (unless "0" or "0."), no trailing zero after the point. */
    private static boolean isCanonicalNumber(String v) {
        int n = v.length();
        int start = v.charAt(0) == '-' ? 1 : 0;
        if (start >= n) {
            return false;
        }
        int dot = -1;
        for (int i = start; i < n; i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (dot >= 0) {
                    return false;
                }
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (dot == start || dot == n - 1) {
            return false;
        }
        if (v.charAt(start) == '0' && n - start > 1 && dot != start + 1) {
            return false;
        }
        if (dot >= 0 && v.charAt(n - 1) == '0') {
            return false;
        }
        return !(v.equals("-0") || (dot < 0 && start == 1 && v.charAt(1) == '0'));
    }

    /** {@link Double#parseDouble}, or NaN when {@code s} is not a number. */
    static double parseDouble(String s) {
        double plain = plainDecimal(s);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The fast path of decimal parsing for plain numbers such as {@code -79.3871234}: at most 15 digits and 22
     * decimals, so that digits and power of ten are exact doubles and one division rounds correctly (Clinger), giving
     * the same double as {@link Double#parseDouble}. NaN for anything else, which the slow path then parses.
     */
    private static double plainDecimal(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        long digits = 0;
        int count = 0;
        int decimals = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (point) {
                    decimals++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || count > 15 || decimals > 22) {
            return Double.NaN;
        }
        double v = decimals == 0 ? digits : digits / POWERS_OF_TEN[decimals];
        return s.charAt(0) == '-' ? -v : v;
    }

    private boolean inServiceArea(double lon, double lat) {
        return boundingBox != null
                ? lon >= boundingBox[0] && lon <= boundingBox[2] && lat >= boundingBox[1] && lat <= boundingBox[3]
                : boundary == null || boundary.locate(lon, lat) != null;
    }

    private static boolean validLonLat(double[] p) {
        return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90;
    }

    private String encodingName() {
        return m.format() == null || m.format().encoding() == null ? "UTF-8" : m.format().encoding();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String fmt6(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    /**
     * Same-day points on a grid of cells at least {@code metres} wide, every point kept in its cell; a point within
     * {@code metres} of an earlier point of the same day is a near duplicate. Such a point lies in the same row of
     * cells or the next, and within {@code reach} columns, where one column is {@code metres} wide at the latitude of
     * the first point (scaled down by 1 %) and {@code reach} grows where meridians converge further; so no pair is
     * missed, whichever cells the two points fall in.
     */
    static final class NearDuplicates {
        private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180; // as Reprojection.distanceMetres
        private final double metres;
        private final LongIntMap cells; // cell -> newest point in it
        private double columnDegrees = Double.NaN; // set by the first point
        private double columnCos;
        private double[] lons = new double[1 << 12];
        private double[] lats = new double[1 << 12];
        private int[] previous = new int[1 << 12]; // point -> the point before it in the same cell, or -1
        private int n;

        NearDuplicates(double metres, int expectedRows) {
            this.metres = metres;
            this.cells = new LongIntMap(expectedRows);
        }

        boolean seen(long day, double lon, double lat) {
            if (Double.isNaN(columnDegrees)) {
                columnCos = 0.99 * Math.max(Math.cos(Math.toRadians(lat)), 1e-6);
                columnDegrees = metres / (METRES_PER_DEGREE * columnCos);
            }
            double rowDegrees = metres / METRES_PER_DEGREE;
            long ix = (long) Math.floor(lon / columnDegrees);
            long iy = (long) Math.floor(lat / rowDegrees);
            double cosHere = Math.cos(Math.toRadians(Math.min(90, Math.abs(lat) + rowDegrees)));
            long reach = cosHere >= columnCos ? 1 : (long) Math.min(1_000, Math.ceil(columnCos / Math.max(cosHere, 1e-9)));
            boolean found = false;
            for (long dy = -1; dy <= 1 && !found; dy++) {
                for (long dx = -reach; dx <= reach && !found; dx++) {
                    for (int at = cells.get(cellKey(day, ix + dx, iy + dy), -1); at >= 0 && !found; at = previous[at]) {
                        found = Reprojection.distanceMetres(lon, lat, lons[at], lats[at]) <= metres;
                    }
                }
            }
            if (n == lons.length) {
                lons = Arrays.copyOf(lons, n * 2);
                lats = Arrays.copyOf(lats, n * 2);
                previous = Arrays.copyOf(previous, n * 2);
            }
            long own = cellKey(day, ix, iy);
            lons[n] = lon;
            lats[n] = lat;
            previous[n] = cells.get(own, -1);
            cells.put(own, n++);
            return found;
        }

        private static long cellKey(long day, long ix, long iy) {
            long h = day * 0x9E3779B97F4A7C15L;
            h ^= ix * 0xC2B2AE3D27D4EB4FL;
            h ^= iy * 0x165667B19E3779F9L;
            return h;
        }
    }
}
