package io.breakwater.etl.breaks;

import io.breakwater.etl.AreaIndex;
import io.breakwater.etl.ExtraAttributes;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.Material;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.RecordSource;
import io.breakwater.etl.RowVerdict;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import io.breakwater.etl.StagedTable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * One run's pass over a break file: each record is checked step by step (shape, key, date, place, area, attributes,
 * repeats), counted through the {@link IngestRun}, and staged when accepted. A step that rejects the row ends it; flag
 * checks only mark it. Holds the run's state (verdict, key occurrences, near duplicates, newest date): one run only.
 */
final class BreakRun {
    static final String STEP = "ingest breaks";
    private static final int PROGRESS_EVERY = 1 << 14;
    private static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);

    private final IngestRun run;
    private final BreakMapping mapping;
    private final BreakChecks checks;
    private final AreaIndex areas;
    private final RecordSource in;
    private final StagedTable stage;
    private final LocalDate today;
    private final String source;
    private final BreakMapping.Columns columns;
    private final NaturalKey naturalKey;
    private final CoordinatePairs coordinates;
    private final KeyOccurrences occurrences;
    private final NearDuplicates near;
    private final OtherSources others;
    private final ExtraAttributes.Reader extras;
    private final RowVerdict v = new RowVerdict();
    private LocalDate newest;

    /**
     * A pass over {@code in}, whose columns are resolved here (a column the header lacks is refused, naming its key);
     * accepted rows go to {@code stage}; dates after {@code today} are out of range.
     */
    BreakRun(IngestRun run, BreakMapping mapping, BreakChecks checks, AreaIndex areas, OtherSources others,
            RecordSource in, StagedTable stage, LocalDate today, int expectedRows) {
        this.others = others;
        this.run = run;
        this.mapping = mapping;
        this.checks = checks;
        this.areas = areas;
        this.in = in;
        this.stage = stage;
        this.today = today;
        this.source = mapping.source();
        this.occurrences = new KeyOccurrences(expectedRows);
        this.near = mapping.placeMetres > 0 ? new NearDuplicates(mapping.placeMetres, expectedRows) : null;
        this.columns = mapping.columns(in);
        this.naturalKey = new NaturalKey(columns);
        this.coordinates = new CoordinatePairs(mapping, columns);
        this.extras = run.extras(in);
    }

    /** Reads every record of the file. */
    void readAll() {
        for (SourceRecord r; (r = in.next()) != null; ) {
            read(r);
        }
    }

    /** The date of the newest break accepted, or {@code null}. */
    LocalDate newest() {
        return newest;
    }

    /** Reads, cleans and checks one record, and stages it when accepted. */
    private void read(SourceRecord r) {
        v.reset(r);
        String key = wellFormed(r) ? naturalKey(r) : null;
        LocalDateTime when = key == null ? null : date(r);
        CoordinatePairs.Point point = when == null ? null : point(r);
        if (point == null) {
            run.count(v);
            return;
        }
        LocalDate date = when.toLocalDate();
        String areaId = area(point);
        String material = material(r);
        Double diameter = diameter(r);
        Integer installYear = installYear(r, date);
        String recordId = recordId(r, key, date, point);
        if (recordId == null) {
            run.count(v);
            return;
        }
        String duplicateOf = duplicateOf(key, date, point);
        Object[] extra = extras.read(r, v);
        if (!run.count(v)) {
            return;
        }
        extras.add(source + ":" + recordId, extra);
        if (newest == null || date.isAfter(newest)) {
            newest = date;
        }
        LocalDateTime time = when.getNano() != 1 ? when : null; // nano 1: the source gives no time of day
        new CleanBreak(recordId, date, time, point.lon(), point.lat(), point.x(), point.y(), point.pair(),
                mapping.projection(point.pair()).crs(), areaId, optional(r, columns.assetId()), material, diameter,
                installYear, optional(r, columns.breakType()), optional(r, columns.address()), v.flagText(),
                duplicateOf)
                .addTo(stage, source, run.runId(), r.line());
        if ((run.rowsRead() & (PROGRESS_EVERY - 1)) == 0) {
            run.progress().progressed(STEP, in.bytesRead() / 1024);
        }
    }

    /** Whether the row ends here: {@code passed} is false and the verdict now rejects it. */
    private boolean stops(boolean passed) {
        return !passed && v.rejected();
    }

    /** {@code record_complete} (delimited files) and {@code encoding_valid}. */
    private boolean wellFormed(SourceRecord r) {
        int fields = columns.header().size();
        if (mapping.csv && stops(r.size() == fields ? v.pass(checks.complete) : v.fail(checks.complete, null,
                Integer.toString(r.size()), "line " + r.line() + ": expected " + fields + " fields, found " + r.size()))) {
            return false;
        }
        int bad = r.firstUndecodableField();
        return !stops(bad < 0 ? v.pass(checks.encoding) : v.fail(checks.encoding, columns.header().get(bad), r.get(bad),
                "line " + r.line() + " column " + columns.header().get(bad) + ": bytes not valid in " + mapping.encodingName()));
    }

    /** {@code id_not_null}: the natural key, or {@code null} when the row ends here. */
    private String naturalKey(SourceRecord r) {
        String key = naturalKey.of(r);
        List<String> idColumns = mapping.idColumns();
        return stops(key != null ? v.pass(checks.idNotNull) : v.fail(checks.idNotNull, String.join(",", idColumns),
                null, "line " + r.line() + ": the id column(s) " + idColumns + " are empty")) ? null : key;
    }

    /**
     * {@code date_not_null}, {@code date_parses}, {@code date_in_range} and {@code year_matches_date}: the date (at
     * nanosecond 1 when without a time of day), or {@code null} when the row ends here.
     */
    private LocalDateTime date(SourceRecord r) {
        String column = mapping.dateColumn();
        String raw = r.trimmed(columns.date());
        if (stops(raw != null ? v.pass(checks.dateNotNull) : v.fail(checks.dateNotNull, column, null,
                "line " + r.line() + " column " + column + ": the date is empty"))) {
            return null;
        }
        LocalDateTime when = mapping.dates.parse(raw);
        if (stops(when != null ? v.pass(checks.dateParses) : v.fail(checks.dateParses, column, raw, "line " + r.line()
                + " column " + column + ": '" + raw + "' matches none of the patterns " + mapping.dates.patterns()))) {
            return null;
        }
        LocalDate date = when.toLocalDate();
        if (stops(!date.isBefore(EARLIEST) && !date.isAfter(today) ? v.pass(checks.dateRange) : v.fail(checks.dateRange,
                column, raw, "line " + r.line() + " column " + column + ": " + date + " is before 1800 or after the run date " + today))) {
            return null;
        }
        if (checks.yearMatches != null) {
            String y = r.trimmed(columns.year());
            if (y == null || y.equals(Integer.toString(date.getYear()))) {
                v.pass(checks.yearMatches);
            } else {
                v.fail(checks.yearMatches, mapping.yearColumn(), y, "line " + r.line() + ": stated year " + y
                        + " contradicts the date " + date);
            }
        }
        return when;
    }

    /**
     * {@code coordinates_not_null}, {@code coordinates_valid}, {@code coordinates_agree} and
     * {@code inside_service_area}: where the row lies, or {@code null} when the row ends here.
     */
    private CoordinatePairs.Point point(SourceRecord r) {
        CoordinatePairs.Point p = coordinates.choose(r);
        SourceMapping.CoordinatePair first = mapping.pairs.get(0);
        if (stops(p.present() ? v.pass(checks.coordsNotNull) : v.fail(checks.coordsNotNull, first.x(), null,
                "line " + r.line() + ": no coordinate pair is present"))) {
            return null;
        }
        if (stops(p.valid() ? v.pass(checks.coordsValid) : v.fail(checks.coordsValid, first.x(), p.firstX() + " "
                + p.firstY(), "line " + r.line() + " columns " + first.x() + "/" + first.y() + ": (" + p.firstX() + ", "
                + p.firstY() + ") is not a valid coordinate in " + mapping.projection(0).crs()))) {
            return null;
        }
        String usedX = mapping.pairs.get(p.pair()).x();
        if (checks.coordsAgree != null) {
            double worst = coordinates.worstDisagreement(r, p);
            if (worst <= mapping.agreementMetres) {
                v.pass(checks.coordsAgree);
            } else {
                v.fail(checks.coordsAgree, usedX, BreakChecks.fmt(worst) + " m", "line " + r.line()
                        + ": coordinate pairs differ by " + BreakChecks.fmt(worst) + " m");
            }
        }
        if (checks.inService != null && stops(mapping.inServiceArea(p.lon(), p.lat()) ? v.pass(checks.inService)
                : v.fail(checks.inService, usedX, lonLat(p), "line " + r.line() + ": (" + fmt6(p.lon()) + ", "
                        + fmt6(p.lat()) + ") lies outside the service area"))) {
            return null;
        }
        return p;
    }

    /** {@code inside_an_area}: the area the point lies in, or {@code null}. */
    private String area(CoordinatePairs.Point p) {
        if (checks.inArea == null) {
            return null;
        }
        String areaId = areas.locate(p.lon(), p.lat());
        if (areaId != null) {
            v.pass(checks.inArea);
        } else {
            v.fail(checks.inArea, "area_id", lonLat(p), null);
        }
        return areaId;
    }

    /** {@code material_known}: the vocabulary label ({@code unknown} when not known), or {@code null} when not mapped. */
    private String material(SourceRecord r) {
        if (checks.materialKnown == null) {
            return null;
        }
        SourceMapping.ColumnSpec spec = mapping.attribute("material");
        String raw = r.trimmed(columns.material());
        Material mat = Material.map(raw, spec.codes());
        if (mat != null) {
            v.pass(checks.materialKnown);
        } else {
            v.fail(checks.materialKnown, spec.column(), raw, null);
        }
        return (mat == null ? Material.UNKNOWN : mat).label();
    }

    /** {@code diameter_in_range}: the diameter in mm, or {@code null} when not mapped, blank or not a number. */
    private Double diameter(SourceRecord r) {
        String d = checks.diameterRange == null ? null : valueOrPass(checks.diameterRange, r, columns.diameter());
        if (d == null) {
            return null;
        }
        double mm = Decimals.parseDouble(d) * mapping.diameterFactor;
        if (mm >= 10 && mm <= 5000) {
            v.pass(checks.diameterRange);
        } else {
            v.fail(checks.diameterRange, mapping.attribute("diameter").column(), d, null);
        }
        return Double.isFinite(mm) ? mm : null;
    }

    /** {@code install_year_valid}: the install year, or {@code null} when not mapped, blank or unreadable. */
    private Integer installYear(SourceRecord r, LocalDate date) {
        String y = checks.installValid == null ? null : valueOrPass(checks.installValid, r, columns.installYear());
        if (y == null) {
            return null;
        }
        Integer year = mapping.installYears.year(y);
        if (year != null && year >= 1800 && year <= date.getYear()) {
            v.pass(checks.installValid);
        } else {
            v.fail(checks.installValid, mapping.attribute("installYear").column(), y, null);
        }
        return year;
    }

    /**
     * {@code unique_id} and {@code near_duplicate}: the record id ({@code key}, with {@code #n} appended to its n-th
     * occurrence in the file), or {@code null} when the row ends here.
     */
    private String recordId(SourceRecord r, String key, LocalDate date, CoordinatePairs.Point p) {
        int occurrence = occurrences.increment(key);
        String recordId = occurrence == 1 ? key : key + "#" + occurrence;
        if (stops(occurrence == 1 ? v.pass(checks.unique) : v.fail(checks.unique, String.join(",", mapping.idColumns()),
                key, "line " + r.line() + ": id " + key + " occurs again (occurrence " + occurrence + ")"))) {
            return null;
        }
        if (near != null) {
            if (occurrence == 1 && near.seen(date.toEpochDay(), p.lon(), p.lat())) {
                v.fail(checks.nearDup, mapping.dateColumn(), key, null);
            } else {
                v.pass(checks.nearDup);
            }
        }
        return recordId;
    }

    /** {@code cross_source_duplicate}: the break of an earlier source this record repeats, or {@code null}. */
    private String duplicateOf(String key, LocalDate date, CoordinatePairs.Point p) {
        if (checks.crossSource == null) {
            return null;
        }
        String of = others.duplicateOf(mapping.realId() ? key : null, date, p.lon(), p.lat());
        if (of == null) {
            v.pass(checks.crossSource);
        } else {
            v.fail(checks.crossSource, "duplicate_of", of, null);
        }
        return of;
    }

    /** The value of an attribute {@code check} reads; a blank one passes the check (nothing to check). */
    private static String valueOrPass(QualityCheck check, SourceRecord r, int column) {
        String value = r.trimmed(column);
        if (value == null) {
            check.pass();
        }
        return value;
    }

    private static String optional(SourceRecord r, int column) {
        return column < 0 ? null : r.trimmed(column);
    }

    private static String lonLat(CoordinatePairs.Point p) {
        return fmt6(p.lon()) + " " + fmt6(p.lat());
    }

    private static String fmt6(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
