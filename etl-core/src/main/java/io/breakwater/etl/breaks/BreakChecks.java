package io.breakwater.etl.breaks;

import io.breakwater.etl.AreaIndex;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.QualityChecks;
import io.breakwater.etl.Severity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Every check of a break ingest, defined on the run's {@link QualityChecks} in the order they are reported, with its
 * default severity and threshold (a mapping's {@code checks:} section may override them) and, where a column of the
 * mapping is read, the mapping key it names when most rows fail. A check that does not apply to the mapping (no year
 * column, one coordinate pair, no service area, no areas, an attribute not mapped, no duplicate distance) is
 * {@code null}. The run checks are measured here too.
 */
final class BreakChecks {
    static final String TABLE = "pipe_breaks_clean";

    final QualityCheck complete;
    final QualityCheck encoding;
    final QualityCheck idNotNull;
    final QualityCheck dateNotNull;
    final QualityCheck dateParses;
    final QualityCheck dateRange;
    final QualityCheck yearMatches;
    final QualityCheck coordsNotNull;
    final QualityCheck coordsValid;
    final QualityCheck coordsAgree;
    final QualityCheck inService;
    final QualityCheck inArea;
    final QualityCheck materialKnown;
    final QualityCheck diameterRange;
    final QualityCheck installValid;
    final QualityCheck unique;
    final QualityCheck nearDup;
    final QualityCheck crossSource;
    final QualityCheck freshness;
    final QualityCheck acceptedShare;
    private final int maxAgeDays;

    /**
     * Defines the checks of {@code mapping} on {@code checks} and refuses overrides of checks it does not define;
     * {@code areas} is the area set breaks are assigned to, or {@code null}.
     */
    BreakChecks(QualityChecks checks, BreakMapping mapping, AreaIndex areas, OtherSources others) {
        double rowShare = QualityChecks.ROW_SHARE;
        complete = checks.define("record_complete", TABLE, null, Severity.REJECT_ROW, rowShare,
                "every record has as many fields as the header");
        encoding = checks.define("encoding_valid", TABLE, null, Severity.REJECT_ROW, rowShare,
                "every field decodes in the declared encoding");
        idNotNull = checks.define("id_not_null", TABLE, "source_record_id", Severity.REJECT_ROW, rowShare,
                "the natural-key columns hold a value");
        dateNotNull = checks.define("date_not_null", TABLE, "break_date", Severity.REJECT_ROW, rowShare,
                "the date is present");
        dateParses = checks.define("date_parses", TABLE, "break_date", Severity.REJECT_ROW, rowShare,
                "the date matches one of " + mapping.dates.patterns());
        dateRange = checks.defineRelaxable("date_in_range", TABLE, "break_date", Severity.REJECT_ROW, rowShare,
                "the date lies between 1800-01-01 and the run date");
        yearMatches = mapping.yearColumn() == null ? null : checks.define("year_matches_date", TABLE, "break_year",
                Severity.FLAG_ROW, rowShare, "the stated year (" + mapping.yearColumn() + ") equals the year of the date");
        coordsNotNull = checks.define("coordinates_not_null", TABLE, "lon", Severity.REJECT_ROW, rowShare,
                "at least one coordinate pair is present");
        coordsValid = checks.define("coordinates_valid", TABLE, "lon", Severity.REJECT_ROW, rowShare,
                "a coordinate pair is numeric, finite and reprojects to a valid lon/lat");
        coordsAgree = mapping.pairs.size() < 2 ? null : checks.define("coordinates_agree", TABLE, "lon",
                Severity.FLAG_ROW, rowShare, "all coordinate pairs agree within " + fmt(mapping.agreementMetres) + " m");
        inService = !mapping.hasServiceArea() ? null : checks.defineRelaxable("inside_service_area",
                TABLE, "lon", Severity.REJECT_ROW, rowShare, "the point lies inside the service area");
        inArea = areas == null ? null : checks.define("inside_an_area", TABLE, "area_id", Severity.FLAG_ROW,
                0.99, "the point lies in one of the " + areas.size() + " areas of '" + mapping.areaSet + "'");
        materialKnown = mapping.attribute("material") == null ? null : checks.define("material_known", TABLE,
                "material", Severity.FLAG_ROW, rowShare, "the material maps onto the vocabulary")
                .describing("attributes.material");
        diameterRange = mapping.attribute("diameter") == null ? null : checks.define("diameter_in_range", TABLE,
                "diameter_mm", Severity.FLAG_ROW, rowShare, "the diameter is a number between 10 and 5000 mm")
                .describing("attributes.diameter");
        installValid = mapping.attribute("installYear") == null ? null : checks.define("install_year_valid", TABLE,
                "install_year", Severity.FLAG_ROW, rowShare, "the install year" + mapping.installYears.describe()
                        + " is a year between 1800 and the break's year").describing("attributes.installYear");
        unique = checks.defineRelaxable("unique_id", TABLE, "source_record_id",
                mapping.realId() ? Severity.REJECT_ROW : Severity.FLAG_ROW, rowShare,
                "no two records share " + (mapping.realId() ? "an id" : "the key " + mapping.idColumns()));
        nearDup = mapping.placeMetres <= 0 ? null : checks.define("near_duplicate", TABLE, "break_date",
                Severity.FLAG_ROW, rowShare, "no two records on the same day lie within " + fmt(mapping.placeMetres) + " m");
        crossSource = others.isEmpty() ? null : checks.define("cross_source_duplicate", TABLE, "duplicate_of",
                Severity.FLAG_ROW, rowShare, "no record repeats a break of " + others.sources() + ", loaded before "
                        + "(the same date within " + fmt(mapping.acrossSourcesMetres) + " m, or the same id and date); "
                        + "a repeat is kept with duplicate_of set and counted once by the feature build");
        maxAgeDays = mapping.maxAgeDays;
        freshness = checks.define("freshness", TABLE, "break_date", Severity.WARN_RUN, 1,
                "the newest break is at most " + maxAgeDays + " days old");
        acceptedShare = checks.define("accepted_share", TABLE, null, Severity.FAIL_RUN, 0.5,
                "at least half of the records are accepted");
        checks.validateOverrides();
    }

    /** {@code accepted_share}: {@code accepted} of {@code read} records (read &gt; 0). */
    void measureAcceptedShare(long read, long accepted) {
        acceptedShare.measure(read, read - accepted, (double) accepted / read, String.format(Locale.ROOT,
                "%,d of %,d records accepted (%.1f%%)", accepted, read, 100.0 * accepted / read));
    }

    /** {@code freshness}: the newest break accepted against the run date; nothing when none was accepted. */
    void measureFreshness(LocalDate newest, LocalDate today) {
        if (newest == null) {
            return;
        }
        long age = ChronoUnit.DAYS.between(newest, today);
        freshness.measure(1, age > maxAgeDays ? 1 : 0, (double) age, "the newest break (" + newest + ") is " + age
                + " days old at the run date" + (age > maxAgeDays ? ", more than " + maxAgeDays : ""));
        if (age > maxAgeDays) {
            freshness.sample(newest.toString());
        }
    }

    /** A distance in a message: one decimal. */
    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
