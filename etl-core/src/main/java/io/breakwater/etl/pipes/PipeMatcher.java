package io.breakwater.etl.pipes;

import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BulkWriter;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.IngestRun;
import io.breakwater.etl.LoadCounts;
import io.breakwater.etl.QualityCheck;
import io.breakwater.etl.QualityChecks;
import io.breakwater.etl.Severity;
import io.breakwater.etl.env.internal.LocalMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Links every break in {@code pipe_breaks_clean} to a pipe: by asset id where the break has one that names a pipe,
 * otherwise by snapping to the nearest pipe line within a tolerance (an STRtree over the lines, distances in a
 * local metric plane). Writes {@code pipe_id}, {@code pipe_match_method} ({@code asset_id}, {@code snap},
 * {@code none}) and {@code pipe_match_distance_m}, and stores the match rate and the distance distribution in
 * {@code dq_results}. Run it after breaks and pipes are loaded, through {@link io.breakwater.etl.Ingest#matchPipes}
 * (one run, one transaction, logged like an ingest); running it again recomputes every link and writes only those
 * that changed.
 */
public final class PipeMatcher implements IngestRun.Work {
    /** What to do. {@code minMatchRate} is the share of breaks that must match for the run check to pass. */
    public record Options(double toleranceMetres, double minMatchRate) {
        public static final Options DEFAULT = new Options(25.0, 0.9);

        public Options {
            if (!(toleranceMetres > 0)) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "snapping tolerance must be > 0 metres, got " + toleranceMetres);
            }
        }
    }

    /** One break's link. */
    public record Match(String breakId, String pipeId, String method, Double distanceM) {
    }

    private final Options options;
    private List<PipeLine> pipes;
    private List<BreakPoint> breaks;
    private List<Match> matches;
    private Map<String, Match> current;

    /** Matching with {@code options}; run it through {@link io.breakwater.etl.Ingest#matchPipes}. */
    public PipeMatcher(Options options) {
        this.options = options;
    }

    /** The run this step is: it reads pipes and breaks, and logs its tolerance and minimum match rate. */
    public IngestRun.Spec spec() {
        return IngestRun.Spec.derived("pipe_match", "pipe_breaks_clean", String.format(java.util.Locale.ROOT,
                "tolerance=%sm, minMatchRate=%s", options.toleranceMetres(), options.minMatchRate()));
    }

    @Override
    public void stage(IngestRun run) {
        var dsl = run.store().dsl();
        pipes = new ArrayList<>();
        WKTReader wkt = new WKTReader();
        for (var r : dsl.select(PIPES.PIPE_ID, PIPES.GEOMETRY_WKT).from(PIPES).fetch()) {
            Geometry g = null;
            if (r.value2() != null) {
                try {
                    g = wkt.read(r.value2());
                } catch (ParseException e) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, "pipes." + "geometry_wkt of pipe '"
                            + r.value1() + "' cannot be read: " + e.getMessage(), e);
                }
            }
            pipes.add(new PipeLine(r.value1(), g));
        }
        if (pipes.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "no pipes in " + run.store().location()
                    + ": ingest a pipe inventory before matching breaks to pipes");
        }
        breaks = new ArrayList<>();
        current = new HashMap<>();
        for (var r : dsl.select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.LON, PIPE_BREAKS_CLEAN.LAT,
                PIPE_BREAKS_CLEAN.ASSET_ID_RAW, PIPE_BREAKS_CLEAN.PIPE_ID, PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD,
                PIPE_BREAKS_CLEAN.PIPE_MATCH_DISTANCE_M).from(PIPE_BREAKS_CLEAN).orderBy(PIPE_BREAKS_CLEAN.BREAK_ID)
                .fetch()) {
            breaks.add(new BreakPoint(r.value1(), r.value2(), r.value3(), r.value4()));
            current.put(r.value1(), new Match(r.value1(), r.value5(), r.value6(), r.value7()));
        }
        String step = "match breaks to pipes";
        run.progress().started(step, breaks.size(), "breaks");
        matches = match(pipes, breaks, options.toleranceMetres());
        run.progress().progressed(step, breaks.size());
        checks(run.checks(), matches, options);
        beforeInstall(run.checks(), dsl, matches);
        long unmatched = matches.stream().filter(m -> m.pipeId() == null).count();
        run.countRows(matches.size(), unmatched);
        unmatchedReasons(pipes, breaks, matches, options).forEach((reason, n) -> run.reason(reason, "unlinked", n));
        long snapped = matches.stream().filter(m -> m.method().equals("snap")).count();
        double[] d = snapDistances(matches);
        run.progress().finished(step, String.format(java.util.Locale.ROOT, "matched %,d of %,d breaks (%.1f %%): %,d by"
                + " asset id, %,d by snapping%s", matches.size() - unmatched, matches.size(),
                100.0 * (matches.size() - unmatched) / Math.max(1, matches.size()),
                matches.stream().filter(m -> m.method().equals("asset_id")).count(), snapped,
                snapped == 0 ? "" : String.format(java.util.Locale.ROOT, "; snapped distance p50 %.1f m, p90 %.1f m",
                        percentile(d, 50), percentile(d, 90))));
    }

    /**
     * Writes the links that changed (a rerun on the same data writes nothing): the changed links are appended to a
     * working table and applied with one set-based UPDATE, since one UPDATE per break costs about a millisecond on
     * DuckDB, minutes for a large utility's history.
     */
    @Override
    public LoadCounts persist(IngestRun run) {
        DSLContext dsl = run.store().dsl();
        var t = PIPE_BREAKS_CLEAN;
        Field<?>[] columns = {t.BREAK_ID, t.PIPE_ID, t.PIPE_MATCH_METHOD, t.PIPE_MATCH_DISTANCE_M};
        Table<Record> changes = DSL.table(DSL.name("bw_pipe_match_" + run.runId()));
        dsl.createTable(changes).as(DSL.select(columns).from(t).where(DSL.falseCondition())).execute();
        long changed = 0;
        try (BulkWriter writer = BulkWriter.open(dsl, changes.getQualifiedName(), columns)) {
            for (Match m : matches) {
                if (!m.equals(current.get(m.breakId()))) {
                    writer.add(m.breakId(), m.pipeId(), m.method(), m.distanceM());
                    changed++;
                }
            }
        }
        if (changed > 0) {
            dsl.update(t).set(t.PIPE_ID, column(changes, t.PIPE_ID))
                    .set(t.PIPE_MATCH_METHOD, column(changes, t.PIPE_MATCH_METHOD))
                    .set(t.PIPE_MATCH_DISTANCE_M, column(changes, t.PIPE_MATCH_DISTANCE_M))
                    .from(changes).where(t.BREAK_ID.eq(column(changes, t.BREAK_ID))).execute();
        }
        dsl.dropTable(changes).execute();
        return new LoadCounts(0, changed, matches.size() - changed, 0);
    }

    /** {@code like}'s column in the working table {@code table}. */
    private static <T> Field<T> column(Table<?> table, Field<T> like) {
        return DSL.field(table.getQualifiedName().append(like.getUnqualifiedName()), like.getDataType());
    }

    /**
     * Why breaks stayed unlinked, by reason: an asset id the inventory does not hold, no coordinates, no pipe line to
     * snap to (an inventory without geometry), or no pipe within the tolerance.
     */
    static Map<String, Long> unmatchedReasons(List<PipeLine> pipes, List<BreakPoint> breaks, List<Match> matches,
            Options options) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        boolean anyLine = false;
        for (PipeLine p : pipes) {
            ids.add(p.id());
            anyLine |= p.wgs84() != null;
        }
        Map<String, BreakPoint> byId = new HashMap<>();
        breaks.forEach(b -> byId.put(b.id(), b));
        Map<String, Long> reasons = new java.util.TreeMap<>();
        for (Match m : matches) {
            if (m.pipeId() != null) {
                continue;
            }
            BreakPoint b = byId.get(m.breakId());
            String asset = b.assetId() == null ? "" : b.assetId().trim();
            String reason = !asset.isEmpty() && !ids.contains(asset) && !anyLine ? "asset_id_not_in_inventory"
                    : b.lon() == null || b.lat() == null ? "no_coordinates"
                    : !anyLine ? "no_asset_id_and_no_pipe_geometry"
                    : !asset.isEmpty() && !ids.contains(asset) ? "asset_id_not_in_inventory_and_no_pipe_within_"
                            + options.toleranceMetres() + "m"
                    : "no_pipe_within_" + options.toleranceMetres() + "m";
            reasons.merge(reason, 1L, Long::sum);
        }
        return reasons;
    }

    record PipeLine(String id, Geometry wgs84) {
    }

    record BreakPoint(String id, Double lon, Double lat, String assetId) {
    }

    /** The matching itself, without a database. */
    static List<Match> match(List<PipeLine> pipes, List<BreakPoint> breaks, double tolerance) {
        Map<String, PipeLine> byId = new HashMap<>();
        double latSum = 0;
        int latN = 0;
        for (PipeLine p : pipes) {
            byId.put(p.id(), p);
            if (p.wgs84() != null) {
                latSum += p.wgs84().getEnvelopeInternal().centre().y;
                latN++;
            }
        }
        LocalMetric plane = new LocalMetric(latN == 0 ? 0 : latSum / latN);
        STRtree tree = new STRtree();
        for (PipeLine p : pipes) {
            if (p.wgs84() != null) {
                Geometry g = plane.toPlane(p.wgs84());
                tree.insert(g.getEnvelopeInternal(), new Object[] {p.id(), g});
            }
        }
        tree.build();
        GeometryFactory gf = new GeometryFactory();
        List<Match> out = new ArrayList<>(breaks.size());
        for (BreakPoint b : breaks) {
            String asset = b.assetId() == null ? null : b.assetId().trim();
            if (asset != null && !asset.isEmpty() && byId.containsKey(asset)) {
                Double d = null;
                PipeLine p = byId.get(asset);
                if (p.wgs84() != null && b.lon() != null && b.lat() != null) {
                    d = round(plane.toPlane(p.wgs84()).distance(gf.createPoint(plane.toPlane(b.lon(), b.lat()))));
                }
                out.add(new Match(b.id(), asset, "asset_id", d));
                continue;
            }
            if (b.lon() == null || b.lat() == null) {
                out.add(new Match(b.id(), null, "none", null));
                continue;
            }
            Coordinate c = plane.toPlane(b.lon(), b.lat());
            Point pt = gf.createPoint(c);
            Envelope search = new Envelope(c);
            search.expandBy(tolerance);
            String best = null;
            double bestD = Double.MAX_VALUE;
            for (Object o : tree.query(search)) {
                Object[] item = (Object[]) o;
                double d = ((Geometry) item[1]).distance(pt);
                if (d <= tolerance && (d < bestD || d == bestD && ((String) item[0]).compareTo(best) < 0)) {
                    bestD = d;
                    best = (String) item[0];
                }
            }
            out.add(best == null ? new Match(b.id(), null, "none", null) : new Match(b.id(), best, "snap", round(bestD)));
        }
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static void checks(QualityChecks checks, List<Match> matches, Options options) {
        long n = matches.size();
        long none = matches.stream().filter(m -> m.pipeId() == null).count();
        long asset = matches.stream().filter(m -> m.method().equals("asset_id")).count();
        long snap = matches.stream().filter(m -> m.method().equals("snap")).count();
        QualityCheck rate = checks.define("pipe_match_rate", "pipe_breaks_clean", "pipe_id", Severity.WARN_RUN,
                options.minMatchRate(), "share of breaks linked to a pipe");
        rate.measure(n, none, n == 0 ? 0.0 : (double) (n - none) / n, String.format(java.util.Locale.ROOT,
                "%d of %d breaks linked to a pipe (%d by asset id, %d by snapping within %.1f m)", n - none, n, asset,
                snap, options.toleranceMetres()));
        matches.stream().filter(m -> m.pipeId() == null).limit(5).forEach(m -> rate.sample(m.breakId()));
        checks.define("pipe_match_by_asset_id", "pipe_breaks_clean", "pipe_match_method", Severity.WARN_RUN, 0,
                "share linked by asset id").measure(n, n - asset, n == 0 ? null : (double) asset / n, null);
        checks.define("pipe_match_by_snap", "pipe_breaks_clean", "pipe_match_method", Severity.WARN_RUN, 0,
                "share linked by snapping to the nearest line").measure(n, n - snap, n == 0 ? null : (double) snap / n,
                        null);
        double[] d = snapDistances(matches);
        for (int p : new int[] {50, 90, 95, 99, 100}) {
            String name = p == 100 ? "pipe_match_distance_max_m" : "pipe_match_distance_p" + p + "_m";
            checks.define(name, "pipe_breaks_clean", "pipe_match_distance_m", Severity.WARN_RUN, 0,
                    (p == 100 ? "largest" : p + "th percentile of the") + " snapping distance, metres")
                    .measure(d.length, 0, d.length == 0 ? null : percentile(d, p), null);
        }
    }

    private static double[] snapDistances(List<Match> matches) {
        return matches.stream().filter(m -> m.method().equals("snap")).mapToDouble(Match::distanceM).sorted().toArray();
    }

    /**
     * Breaks linked to a pipe laid after the break's year: a wrong link, a wrong install year, or a pipe that replaced
     * the one that broke (the inventory is a snapshot of today). Reported, the links are kept.
     */
    private static void beforeInstall(QualityChecks checks, org.jooq.DSLContext dsl, List<Match> matches) {
        Map<String, Integer> installed = new java.util.HashMap<>();
        dsl.select(PIPES.PIPE_ID, PIPES.INSTALL_YEAR).from(PIPES).where(PIPES.INSTALL_YEAR.isNotNull()).fetch()
                .forEach(r -> installed.put(r.value1(), r.value2()));
        Map<String, Integer> breakYears = new java.util.HashMap<>();
        dsl.select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.BREAK_YEAR).from(PIPE_BREAKS_CLEAN).fetch()
                .forEach(r -> breakYears.put(r.value1(), r.value2()));
        List<String> early = new ArrayList<>();
        long checked = 0;
        for (Match m : matches) {
            Integer install = m.pipeId() == null ? null : installed.get(m.pipeId());
            Integer year = breakYears.get(m.breakId());
            if (install != null && year != null) {
                checked++;
                if (year < install) {
                    early.add(m.breakId() + " (" + year + ", pipe " + m.pipeId() + " laid " + install + ")");
                }
            }
        }
        QualityCheck check = checks.define("pipe_match_before_install", "pipe_breaks_clean", "pipe_id",
                Severity.WARN_RUN, 1.0, "linked breaks happen after their pipe's install year");
        check.measure(checked, early.size(), checked == 0 ? null : (double) (checked - early.size()) / checked,
                early.size() + " of " + checked + " linked breaks (with both years known) happened before their "
                        + "pipe's install year: a wrong link or install year, or a pipe replaced since");
        early.stream().limit(5).forEach(check::sample);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

}
