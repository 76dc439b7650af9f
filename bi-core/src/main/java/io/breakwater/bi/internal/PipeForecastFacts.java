package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.FCT_PIPE_FORECAST;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_FORECASTS;

import io.breakwater.db.schema.tables.records.FctPipeForecastRecord;
import io.breakwater.db.schema.tables.records.ForecastRunsRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fct_pipe_forecast}: the latest forecast run's months per pipe ({@code pipe_break_forecasts}, pipe grain only),
 * keyed to the pipe in {@code dim_asset}, its area in {@code dim_area} and the month in {@code dim_date}. Nothing when
 * no forecast has run or the run forecast no pipes.
 */
final class PipeForecastFacts implements StarStep {

    @Override
    public void build(StarContext context) {
        ForecastRunsRecord run = ForecastFacts.latest(context.dsl());
        if (run == null) {
            return;
        }
        List<FctPipeForecastRecord> rows = new ArrayList<>();
        var p = PIPE_BREAK_FORECASTS;
        for (var r : context.dsl().selectFrom(p).where(p.FORECAST_ID.eq(run.getForecastId()))
                .orderBy(p.ASSET_ID, p.MONTH_START).fetch()) {
            context.dataYear(r.getMonthStart().getYear());
            String area = context.areaOf(r.getAssetId());
            rows.add(new FctPipeForecastRecord(run.getForecastId(), ForecastFacts.monthKey(r.getMonthStart()),
                    r.getAssetId(), area != null ? area : "*".equals(r.getAreaId()) ? null : r.getAreaId(),
                    run.getMethod(), r.getRiskShare(), r.getExpectedBreaks(), r.getLower_80(), r.getUpper_80(),
                    r.getLower_95(), r.getUpper_95(), r.getExpectedCold(), r.getUpper_95Cold()));
        }
        context.insert(FCT_PIPE_FORECAST, rows);
    }
}
