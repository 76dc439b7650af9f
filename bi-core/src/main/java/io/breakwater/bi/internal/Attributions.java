package io.breakwater.bi.internal;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * The attribution texts of the sources a store holds: for each source name, what the mapping of its newest
 * successful ingest run declared ({@code attribution:}, in {@code ingest_runs.attribution}). Nothing else: the report
 * and the Power BI README credit no city or licence that the sources did not declare.
 */
public final class Attributions {
    /** Run-log kinds of etl-core's derived steps, which read the store, not a source. */
    static final List<String> DERIVED_STEPS = List.of("pipe_match", "soil_overlay", "climate_merge");

    private Attributions() {
    }

    /**
     * The distinct attribution texts, in source-name order, and the sources that declare none.
     *
     * @param texts      distinct attribution texts
     * @param undeclared source names whose newest run declares no attribution
     */
    public record Declared(List<String> texts, List<String> undeclared) {
    }

    public static Declared read(DSLContext dsl) {
        Map<String, String> newest = new LinkedHashMap<>();
        for (Record3<String, String, Long> r : dsl.select(INGEST_RUNS.SOURCE_NAME, INGEST_RUNS.ATTRIBUTION,
                        INGEST_RUNS.RUN_ID).from(INGEST_RUNS)
                .where(INGEST_RUNS.STATUS.in("succeeded", "unchanged"))
                .and(INGEST_RUNS.SOURCE_KIND.notIn(DERIVED_STEPS))
                .orderBy(INGEST_RUNS.SOURCE_NAME, INGEST_RUNS.RUN_ID).fetch()) {
            newest.put(r.value1(), r.value2());
        }
        List<String> texts = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        newest.forEach((source, text) -> {
            if (text == null || text.isBlank()) {
                undeclared.add(source);
            } else if (!texts.contains(text.strip())) {
                texts.add(text.strip());
            }
        });
        return new Declared(List.copyOf(texts), List.copyOf(undeclared));
    }
}
