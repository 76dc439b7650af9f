package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.DIM_AREA;
import static io.breakwater.db.schema.Tables.FCT_PIPE_FORECAST;

import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The report's table of the pipes expecting most breaks over the forecast's months ({@code fct_pipe_forecast}):
 * expected breaks in a normal and in a 1-in-10 cold winter, and the 80% and 95% intervals of the pipe's busiest month.
 * Empty where no pipe was forecast (the grain is not pipe).
 */
final class PipeForecastTable {
    /** Pipes listed. */
    static final int TOP_PIPES = 10;

    private PipeForecastTable() {
    }

    static String html(DSLContext dsl) {
        var f = FCT_PIPE_FORECAST;
        var total = DSL.sum(f.EXPECTED_BREAKS);
        var top = dsl.select(f.ASSET_KEY, f.AREA_KEY, total, DSL.sum(f.EXPECTED_COLD), DSL.count()).from(f)
                .groupBy(f.ASSET_KEY, f.AREA_KEY).orderBy(total.desc(), f.ASSET_KEY).limit(TOP_PIPES).fetch();
        if (top.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<div class=\"card wide\"><h3>Pipes expecting most breaks over the next ")
                .append(top.get(0).value5()).append(" months</h3><p>Each pipe's share of its area's forecast by its "
                        + "risk score (a floor on its uncertainty: docs/forecast.md); the intervals are those of its "
                        + "busiest month in a normal winter.</p><table id=\"table-pipe-forecast\"><tr><th>pipe</th>"
                        + "<th>area</th><th>expected breaks</th><th>cold 1-in-10 winter</th><th>busiest month</th>"
                        + "<th>80% interval</th><th>95% interval</th></tr>");
        for (var r : top) {
            var peak = dsl.selectFrom(f).where(f.ASSET_KEY.eq(r.value1()))
                    .orderBy(f.EXPECTED_BREAKS.desc(), f.MONTH_KEY).limit(1).fetchOne();
            String area = r.value2() == null ? "" : dsl.select(DIM_AREA.AREA_NAME).from(DIM_AREA)
                    .where(DIM_AREA.AREA_KEY.eq(r.value2())).fetchOptional(DIM_AREA.AREA_NAME).orElse(r.value2());
            h.append("<tr><td>").append(SvgMap.escape(r.value1())).append("</td><td>").append(SvgMap.escape(area))
                    .append(String.format(Locale.ROOT, "</td><td>%.2f</td><td>%.2f</td><td>%d-%02d</td>",
                            r.value3().doubleValue(), r.value4().doubleValue(), peak.getMonthKey() / 10_000,
                            peak.getMonthKey() / 100 % 100))
                    .append("<td>").append(peak.getLower_80()).append("..").append(peak.getUpper_80())
                    .append("</td><td>").append(peak.getLower_95()).append("..").append(peak.getUpper_95())
                    .append("</td></tr>");
        }
        return h.append("</table></div>").toString();
    }
}
