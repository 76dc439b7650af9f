package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.DASH_RISK_RANKING;
import static io.breakwater.db.schema.Tables.FCT_BREAK;
import static io.breakwater.db.schema.Tables.FCT_BREAK_FORECAST;

import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.ForecastRunsRecord;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The report's first row: data as-of and staleness, breaks in the last 12 months against the 12 before, expected
 * breaks in the model's horizon, assets in the top risk class, the model's lift over its strongest baseline, and the
 * warnings that matter. Fills the {@code headline.*} values of the report template.
 */
final class Headline {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    /** Data older than this is called stale. */
    private static final long STALE_DAYS = 365;

    private Headline() {
    }

    static Map<String, Object> values(DSLContext dsl, LocalDate today, DimModelRecord model, List<String> checks) {
        Map<String, Object> v = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Integer newest = dsl.select(DSL.max(FCT_BREAK.DATE_KEY)).from(FCT_BREAK).fetchOne(0, Integer.class);
        if (newest == null) {
            v.put("asOf", "no breaks");
            v.put("staleness", "no break records loaded");
            v.put("breaks12", "none");
            v.put("breaks12Note", "no break records loaded");
        } else {
            LocalDate asOf = DateDimension.date(newest);
            long days = ChronoUnit.DAYS.between(asOf, today);
            v.put("asOf", SHORT_DAY.format(asOf));
            v.put("staleness", String.format(Locale.ROOT, "newest break, %,d days before this report%s", days,
                    days > STALE_DAYS ? " (stale)" : ""));
            if (days > STALE_DAYS && checks.stream().noneMatch(c -> c.contains("freshness"))) {
                warnings.add(String.format(Locale.ROOT, "The data are stale: the newest break is %,d days old (%s); "
                        + "risk and expected breaks describe the months after it, not today.", days, DAY.format(asOf)));
            }
            LocalDate month = asOf.withDayOfMonth(1);
            int last = breaksBetween(dsl, month.minusMonths(11), month);
            int before = breaksBetween(dsl, month.minusMonths(23), month.minusMonths(12));
            v.put("breaks12", String.format(Locale.ROOT, "%,d", last));
            v.put("breaks12Note", String.format(Locale.ROOT, "%s to %s; %,d in the 12 months before (%s)",
                    month.minusMonths(11).format(MONTH), month.format(MONTH), before,
                    before == 0 ? "no change to compare" : String.format(Locale.ROOT, "%+.0f%%",
                            100.0 * (last - before) / before).replace('-', '\u2212')));
        }
        risk(dsl, model, v);
        LiftOverBaseline lift = model == null ? null : LiftOverBaseline.of(dsl, model);
        if (lift == null || !lift.known()) {
            v.put("lift", "n/a");
            v.put("liftNote", model == null ? "no model trained" : lift.sentence());
            v.put("liftClass", "");
        } else {
            v.put("lift", lift.signedMean());
            v.put("liftNote", lift.sentence());
            v.put("liftClass", lift.mean() >= 0 ? "ahead" : "behind");
            if (lift.mean() < 0) {
                warnings.add("The model ranks below its strongest baseline (" + lift.baseline() + "): "
                        + lift.sentence() + ". Use the baseline's ranking, or look at the model card.");
            }
        }
        warnings.addAll(checks);
        v.put("warningCount", warnings.isEmpty() ? "none" : String.valueOf(warnings.size()));
        v.put("warningNote", warnings.isEmpty() ? "no stale data, no model behind its baseline, no failing checks"
                : "listed below");
        v.put("warningClass", warnings.isEmpty() ? "" : "warn");
        v.put("warnings", warnings);
        v.put("hasWarnings", !warnings.isEmpty());
        return v;
    }

    private static int breaksBetween(DSLContext dsl, LocalDate firstMonth, LocalDate lastMonth) {
        return dsl.fetchCount(FCT_BREAK, FCT_BREAK.MONTH_KEY.between(DateDimension.monthKey(firstMonth),
                DateDimension.monthKey(lastMonth)));
    }

    /**
     * The network's expected breaks from the newest forecast, in any weather, when there is one: the forecast is the
     * model of network totals, back-tested for them (docs/forecast.md), while risk scores are fitted to rank assets
     * and their sum can stray from the total (a year-level feature seen in few years moves it). The scores' own sum
     * is named beside it.
     */
    private static boolean networkForecast(DSLContext dsl, Map<String, Object> v, String scoresFigure,
            String scores) {
        ForecastRunsRecord run = ForecastFacts.latest(dsl);
        if (run == null) {
            return false;
        }
        var total = dsl.select(DSL.sum(FCT_BREAK_FORECAST.EXPECTED_BREAKS), DSL.min(FCT_BREAK_FORECAST.MONTH_KEY),
                DSL.max(FCT_BREAK_FORECAST.MONTH_KEY), DSL.count()).from(FCT_BREAK_FORECAST)
                .where(FCT_BREAK_FORECAST.FORECAST_ID.eq(run.getForecastId()))
                .and(FCT_BREAK_FORECAST.SCOPE.eq("network")).and(FCT_BREAK_FORECAST.SCENARIO.eq("any_weather"))
                .fetchOne();
        if (total == null || total.value4() == 0) {
            return false;
        }
        v.put("expectedTitle", "Expected breaks, next " + total.value4() + " months");
        v.put("expected", String.format(Locale.ROOT, "%,.0f", total.value1().doubleValue()));
        v.put("expectedNote", String.format(Locale.ROOT, "the network forecast for %s to %s in any weather (%s); "
                + "risk scores: %s, %s", DateDimension.date(total.value2()).format(MONTH),
                DateDimension.date(total.value3()).format(MONTH), run.getMethod(), scoresFigure, scores));
        return true;
    }

    /** Expected breaks (or assets expected to break) within the horizon, and the top risk class. */
    private static void risk(DSLContext dsl, DimModelRecord model, Map<String, Object> v) {
        var latest = model == null ? null : dsl.select(DSL.sum(DASH_RISK_RANKING.EXPECTED_BREAKS),
                DSL.sum(DASH_RISK_RANKING.PROBABILITY), DSL.count(), DSL.min(DASH_RISK_RANKING.SCORE_MONTH_KEY))
                .from(DASH_RISK_RANKING).where(DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey())).fetchOne();
        if (latest == null || latest.value3() == 0) {
            v.put("expectedTitle", "Expected breaks");
            v.put("expected", "n/a");
            v.put("expectedNote", "no risk scores yet");
            v.put("topClass", "n/a");
            v.put("topClassNote", "no risk scores yet");
            return;
        }
        boolean count = ReportWriter.isCountModel(model) && latest.value1() != null;
        String after = DateDimension.date(latest.value4()).format(MONTH);
        double figure = count ? latest.value1().doubleValue() : latest.value2().doubleValue();
        String scores = String.format(Locale.ROOT, "%s of the %,d assets scored after %s",
                count ? "sum of expected breaks" : "sum of break probabilities", latest.value3(), after);
        if (!networkForecast(dsl, v, String.format(Locale.ROOT, "%,.0f", figure), scores)) {
            v.put("expectedTitle", count ? "Expected breaks, next " + model.getHorizonMonths() + " months"
                    : "Assets expected to break, next " + model.getHorizonMonths() + " months");
            v.put("expected", String.format(Locale.ROOT, "%,.0f", figure));
            v.put("expectedNote", scores);
        }
        var top = dsl.select(DASH_RISK_RANKING.RISK_CLASS).from(DASH_RISK_RANKING)
                .where(DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey())).orderBy(DASH_RISK_RANKING.RISK_RANK)
                .limit(1).fetchOne(DASH_RISK_RANKING.RISK_CLASS);
        int inTop = dsl.fetchCount(DASH_RISK_RANKING, DASH_RISK_RANKING.MODEL_KEY.eq(model.getModelKey())
                .and(DASH_RISK_RANKING.RISK_CLASS.eq(top)));
        v.put("topClass", String.format(Locale.ROOT, "%,d", inTop));
        v.put("topClassNote", String.format(Locale.ROOT, "class \u201c%s\u201d of %,d assets scored",
                top.replace('_', ' '), latest.value3()));
    }
}
