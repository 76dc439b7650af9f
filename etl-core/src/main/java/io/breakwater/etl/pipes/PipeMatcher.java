package io.breakwater.etl.pipes;

import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.etl.env.QualityResult;
import io.breakwater.etl.env.StepReport;
import io.breakwater.etl.env.internal.LocalMetric;
import io.breakwater.etl.env.internal.StepRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code dq_results}. Run it after breaks and pipes are loaded; running it again recomputes every link.
 */
public final class PipeMatcher {
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

    private PipeMatcher() {
    }

    public static StepReport run(BreakwaterStore store, Options options, Clock clock, ProgressListener progress) {
        Instant t0 = clock.instant();
        LocalDateTime started = LocalDateTime.now(clock);
        var dsl = store.dsl();
        List<PipeLine> pipes = new ArrayList<>();
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
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "no pipes in " + store.location()
                    + ": ingest a pipe inventory before matching breaks to pipes");
        }
        List<BreakPoint> breaks = dsl.select(PIPE_BREAKS_CLEAN.BREAK_ID, PIPE_BREAKS_CLEAN.LON, PIPE_BREAKS_CLEAN.LAT,
                PIPE_BREAKS_CLEAN.ASSET_ID_RAW).from(PIPE_BREAKS_CLEAN).orderBy(PIPE_BREAKS_CLEAN.BREAK_ID).fetch()
                .map(r -> new BreakPoint(r.value1(), r.value2(), r.value3(), r.value4()));
        String step = "match breaks to pipes";
        progress.started(step, breaks.size(), "breaks");
        List<Match> matches = match(pipes, breaks, options.toleranceMetres());
        progress.progressed(step, breaks.size());
        List<QualityResult> quality = new ArrayList<>(quality(matches, options));
        quality.add(beforeInstall(dsl, matches));
        long[] runId = new long[1];
        dsl.transaction(cfg -> {
            var tx = cfg.dsl();
            runId[0] = StepRecorder.nextRunId(tx);
            var batch = tx.batch(tx.update(PIPE_BREAKS_CLEAN).set(PIPE_BREAKS_CLEAN.PIPE_ID, (String) null)
                    .set(PIPE_BREAKS_CLEAN.PIPE_MATCH_METHOD, (String) null)
                    .set(PIPE_BREAKS_CLEAN.PIPE_MATCH_DISTANCE_M, (Double) null)
                    .where(PIPE_BREAKS_CLEAN.BREAK_ID.eq((String) null)));
            for (Match m : matches) {
                batch.bind(m.pipeId(), m.method(), m.distanceM(), m.breakId());
            }
            if (!matches.isEmpty()) {
                batch.execute();
            }
            StepRecorder.insertQuality(tx, runId[0], quality, clock);
            long matched = matches.stream().filter(m -> m.pipeId() != null).count();
            StepRecorder.insertRun(tx, runId[0], "pipe_match", "pipe_breaks_clean", null, null,
                    StepRecorder.sha256("tolerance=" + options.toleranceMetres()), "full_refresh",
                    new StepRecorder.RunCounts(matches.size(), matches.size(), 0, matches.size(), 0, 0,
                            matches.size() - matched), "succeeded", started, clock);
        });
        Map<String, Object> details = new LinkedHashMap<>();
        quality.forEach(q -> details.put(q.check(), q.observedValue()));
        Map<String, Long> methods = new LinkedHashMap<>();
        matches.forEach(m -> methods.merge(m.method(), 1L, Long::sum));
        details.put("methods", methods);
        long unmatched = methods.getOrDefault("none", 0L);
        StepReport report = new StepReport(runId[0], "pipe_match", "pipe_breaks_clean", "succeeded", matches.size(),
                matches.size(), 0, matches.size(), 0, unmatched, unmatchedReasons(pipes, breaks, matches, options),
                quality, details, Duration.between(t0, clock.instant()));
        long snapped = methods.getOrDefault("snap", 0L);
        progress.finished(step, String.format(java.util.Locale.ROOT, "matched %,d of %,d breaks (%.1f %%): %,d by asset"
                + " id, %,d by snapping%s", matches.size() - unmatched, matches.size(),
                100.0 * (matches.size() - unmatched) / Math.max(1, matches.size()), methods.getOrDefault("asset_id", 0L),
                snapped, snapped == 0 ? "" : String.format(java.util.Locale.ROOT, "; snapped distance p50 %.1f m, p90 %.1f m",
                        (Double) details.get("pipe_match_distance_p50_m"), (Double) details.get("pipe_match_distance_p90_m"))));
        return report;
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

    private static List<QualityResult> quality(List<Match> matches, Options options) {
        long n = matches.size();
        long none = matches.stream().filter(m -> m.pipeId() == null).count();
        long asset = matches.stream().filter(m -> m.method().equals("asset_id")).count();
        long snap = matches.stream().filter(m -> m.method().equals("snap")).count();
        double rate = n == 0 ? 0 : (double) (n - none) / n;
        List<QualityResult> q = new ArrayList<>();
        q.add(new QualityResult("pipe_match_rate", "pipe_breaks_clean", "pipe_id", "warn_run",
                rate >= options.minMatchRate() ? "passed" : "warned", n, none, options.minMatchRate(), rate,
                sample(matches.stream().filter(m -> m.pipeId() == null).map(Match::breakId).toList()),
                String.format("%d of %d breaks linked to a pipe (%d by asset id, %d by snapping within %.1f m)",
                        n - none, n, asset, snap, options.toleranceMetres())));
        q.add(new QualityResult("pipe_match_by_asset_id", "pipe_breaks_clean", "pipe_match_method", "warn_run",
                "passed", n, n - asset, null, n == 0 ? null : (double) asset / n, null, "share linked by asset id"));
        q.add(new QualityResult("pipe_match_by_snap", "pipe_breaks_clean", "pipe_match_method", "warn_run", "passed",
                n, n - snap, null, n == 0 ? null : (double) snap / n, null,
                "share linked by snapping to the nearest line"));
        double[] d = matches.stream().filter(m -> m.method().equals("snap")).mapToDouble(Match::distanceM).sorted()
                .toArray();
        for (int p : new int[] {50, 90, 95, 99, 100}) {
            String name = p == 100 ? "pipe_match_distance_max_m" : "pipe_match_distance_p" + p + "_m";
            q.add(new QualityResult(name, "pipe_breaks_clean", "pipe_match_distance_m", "warn_run", "passed", d.length,
                    0, null, d.length == 0 ? null : percentile(d, p), null,
                    (p == 100 ? "largest" : p + "th percentile of the") + " snapping distance, metres"));
        }
        return q;
    }

    /**
     * Breaks linked to a pipe laid after the break's year: a wrong link, a wrong install year, or a pipe that replaced
     * the one that broke (the inventory is a snapshot of today). Reported, the links are kept.
     */
    private static QualityResult beforeInstall(org.jooq.DSLContext dsl, List<Match> matches) {
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
        return new QualityResult("pipe_match_before_install", "pipe_breaks_clean", "pipe_id", "warn_run",
                early.isEmpty() ? "passed" : "warned", checked, early.size(), 1.0,
                checked == 0 ? null : (double) (checked - early.size()) / checked, sample(early),
                early.size() + " of " + checked + " linked breaks (with both years known) happened before their "
                        + "pipe's install year: a wrong link or install year, or a pipe replaced since");
    }

    private static String sample(List<String> values) {
        return values.isEmpty() ? null : String.join("; ", values.subList(0, Math.min(5, values.size())));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static List<Double> sorted(double[] values) {
        return Arrays.stream(values).sorted().boxed().toList();
    }
}
