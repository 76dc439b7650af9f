package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.FCT_DQ_RESULT;
import static io.breakwater.db.schema.Tables.FCT_INGEST_RUN;
import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The data-quality section's data, grouped by source: rows read, loaded, rejected, filtered and flagged over the
 * source's runs, the checks that did not pass and the rejected rows by rule. Sources with nothing to say are listed
 * apart, in one line, instead of filling charts and tables with zeros.
 */
final class DataQuality {
    private static final int MAX_PER_SOURCE = 20;

    private DataQuality() {
    }

    static Map<String, Object> data(DSLContext dsl) {
        Map<String, Map<String, Object>> bySource = new LinkedHashMap<>();
        for (Record r : dsl.select(FCT_INGEST_RUN.SOURCE_NAME, DSL.min(FCT_INGEST_RUN.SOURCE_KIND), DSL.count(),
                        DSL.sum(FCT_INGEST_RUN.ROWS_READ), DSL.sum(FCT_INGEST_RUN.ROWS_LOADED),
                        DSL.sum(FCT_INGEST_RUN.ROWS_REJECTED), DSL.sum(FCT_INGEST_RUN.ROWS_FILTERED),
                        DSL.sum(FCT_INGEST_RUN.ROWS_FLAGGED), DSL.max(FCT_INGEST_RUN.STARTED_AT))
                .from(FCT_INGEST_RUN).groupBy(FCT_INGEST_RUN.SOURCE_NAME).orderBy(FCT_INGEST_RUN.SOURCE_NAME)
                .fetch()) {
            Map<String, Object> s = ModelCard.row("source", r.get(0), "kind", r.get(1), "runs", r.get(2, Integer.class),
                    "read", r.get(3, Long.class), "loaded", r.get(4, Long.class), "rejected", r.get(5, Long.class),
                    "filtered", r.get(6, Long.class), "flagged", r.get(7, Long.class),
                    "lastRun", Headline.DAY.format(r.get(8, java.time.LocalDateTime.class)));
            s.put("checks", new ArrayList<>());
            s.put("rejects", new ArrayList<>());
            bySource.put(r.get(0, String.class), s);
        }
        // one row per check of a source: a source read as one file per year repeats its checks in every run
        for (Record q : dsl.select(FCT_DQ_RESULT.SOURCE_NAME, FCT_DQ_RESULT.CHECK_NAME, FCT_DQ_RESULT.SEVERITY,
                        DSL.count(), DSL.sum(FCT_DQ_RESULT.UNEXPECTED_COUNT), DSL.max(FCT_DQ_RESULT.UNEXPECTED_PERCENT),
                        DSL.max(FCT_DQ_RESULT.MESSAGE))
                .from(FCT_DQ_RESULT).where(FCT_DQ_RESULT.STATUS.ne("passed"))
                .groupBy(FCT_DQ_RESULT.SOURCE_NAME, FCT_DQ_RESULT.CHECK_NAME, FCT_DQ_RESULT.SEVERITY)
                .orderBy(FCT_DQ_RESULT.SOURCE_NAME, DSL.max(FCT_DQ_RESULT.UNEXPECTED_PERCENT).desc(),
                        FCT_DQ_RESULT.CHECK_NAME).fetch()) {
            add(bySource, q.get(0, String.class), "checks", ModelCard.row("check", q.get(1), "severity", q.get(2),
                    "runs", q.get(3, Integer.class), "unexpected", q.get(4, Long.class), "percent",
                    q.get(5, Double.class), "message", q.get(6)));
        }
        for (Record r : dsl.select(INGEST_RUNS.SOURCE_NAME, REJECTED_ROWS.RULE, DSL.count(),
                        DSL.min(REJECTED_ROWS.MESSAGE)).from(REJECTED_ROWS)
                .join(INGEST_RUNS).on(INGEST_RUNS.RUN_ID.eq(REJECTED_ROWS.RUN_ID))
                .groupBy(INGEST_RUNS.SOURCE_NAME, REJECTED_ROWS.RULE)
                .orderBy(INGEST_RUNS.SOURCE_NAME, DSL.count().desc()).fetch()) {
            add(bySource, r.get(0, String.class), "rejects", ModelCard.row("rule", r.get(1), "rows",
                    r.get(2, Integer.class), "example", r.get(3)));
        }
        List<Object> noted = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        for (var s : bySource.values()) {
            boolean nothing = ((List<?>) s.get("checks")).isEmpty() && ((List<?>) s.get("rejects")).isEmpty()
                    && zero(s.get("rejected")) && zero(s.get("flagged")) && zero(s.get("filtered"));
            if (nothing) {
                quiet.add((String) s.get("source"));
            } else {
                noted.add(s);
            }
        }
        return ModelCard.row("sources", noted, "quiet", quiet, "runs", dsl.fetchCount(FCT_INGEST_RUN));
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Map<String, Object>> bySource, String source, String key, Object row) {
        Map<String, Object> s = bySource.get(source);
        if (s == null) {
            return;
        }
        List<Object> rows = (List<Object>) s.get(key);
        if (rows.size() < MAX_PER_SOURCE) {
            rows.add(row);
        }
    }

    private static boolean zero(Object count) {
        return count == null || ((Number) count).longValue() == 0;
    }
}
