package io.breakwater.etl.breaks;

import static io.breakwater.db.schema.Tables.INGEST_RUNS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static org.jooq.impl.DSL.min;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The breaks of the store's other sources that were loaded before this one (by their first successful run): a
 * record that repeats one of them (the same date within the stated distance, or the same record id and date) is a
 * cross-source duplicate, such as a break in both a utility's raw export and its cleaned export. The rule looks only
 * at earlier sources, so of two copies the first loaded is the one counted, whichever source is re-ingested later.
 */
final class OtherSources {
    private final List<String> sources;
    private final Map<String, String> byIdAndDate = new HashMap<>();
    private final NearDuplicates places;
    private final List<String> placeIds = new ArrayList<>();

    private OtherSources(List<String> sources, double metres, int rows) {
        this.sources = sources;
        this.places = metres > 0 ? new NearDuplicates(metres, Math.max(16, rows)) : null;
    }

    /** The breaks of the sources loaded before {@code source}; {@code metres} 0 compares ids and dates only. */
    static OtherSources before(DSLContext dsl, String source, double metres) {
        Map<String, Long> firstRun = new HashMap<>();
        dsl.select(INGEST_RUNS.SOURCE_NAME, min(INGEST_RUNS.RUN_ID)).from(INGEST_RUNS)
                .where(INGEST_RUNS.SOURCE_KIND.eq("breaks")).and(INGEST_RUNS.STATUS.eq("succeeded"))
                .groupBy(INGEST_RUNS.SOURCE_NAME)
                .forEach(r -> firstRun.put(r.value1(), r.value2()));
        long own = firstRun.getOrDefault(source, Long.MAX_VALUE);
        List<String> earlier = firstRun.entrySet().stream().filter(e -> !e.getKey().equals(source)
                && e.getValue() < own).map(Map.Entry::getKey).sorted().toList();
        if (earlier.isEmpty()) {
            return new OtherSources(earlier, metres, 0);
        }
        var p = PIPE_BREAKS_CLEAN;
        int rows = dsl.fetchCount(p, p.SOURCE_NAME.in(earlier).and(p.DUPLICATE_OF.isNull()));
        OtherSources others = new OtherSources(earlier, metres, rows);
        // only breaks that are themselves originals: a copy points at the first break, never at another copy
        dsl.select(p.BREAK_ID, p.SOURCE_RECORD_ID, p.BREAK_DATE, p.LON, p.LAT).from(p)
                .where(p.SOURCE_NAME.in(earlier)).and(p.DUPLICATE_OF.isNull())
                .orderBy(p.BREAK_ID)
                .fetchSize(10_000)
                .forEach(r -> others.add(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        return others;
    }

    private void add(String breakId, String recordId, LocalDate date, Double lon, Double lat) {
        byIdAndDate.putIfAbsent(recordId + "|" + date, breakId);
        if (places != null && lon != null && lat != null) {
            places.add(date.toEpochDay(), lon, lat);
            placeIds.add(breakId);
        }
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The sources compared with, in name order. */
    List<String> sources() {
        return sources;
    }

    /** The break this record repeats ({@code recordId} null: by place only), or {@code null}. */
    String duplicateOf(String recordId, LocalDate date, double lon, double lat) {
        String same = recordId == null ? null : byIdAndDate.get(recordId + "|" + date);
        if (same != null || places == null || placeIds.isEmpty()) {
            return same;
        }
        int at = places.find(date.toEpochDay(), lon, lat);
        return at < 0 ? null : placeIds.get(at);
    }

}
