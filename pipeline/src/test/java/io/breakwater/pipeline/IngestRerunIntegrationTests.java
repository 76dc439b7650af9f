package io.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.CityFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest stage run twice on the same files (a synthetic city with every source kind, so that break-to-pipe
 * matching, the soil overlay and the climate merge run too): every table but the run log is byte for byte the same,
 * and every run of the second pass says it changed nothing.
 */
class IngestRerunIntegrationTests {
    /** The run log: a rerun adds its own rows there, and nowhere else. */
    private static final Set<String> RUN_LOG = Set.of("ingest_runs", "dq_results", "rejected_rows",
            "breakwater_schema_history");

    @TempDir
    Path dir;

    @Test
    void theSameInputsTwiceLeaveEveryTableButTheRunLogUnchanged() {
        CityFiles city = CitySources.write(dir, 600, 4, 2020, 5);
        PipelineConfig config = CitySources.config(city,
                new PipelineConfig.Features("pipe", 12, "rerun", "1"), 1L, dir);
        Clock clock = CitySources.CLOCK;
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("city.duckdb").toString())) {
            Pipeline ingest = Pipeline.of(config.withDatabase(store.location().describe())).clock(clock)
                    .stages(Stage.INGEST, Stage.INGEST);
            ingest.run(store);
            Map<String, String> first = contents(store);
            long runs = store.dsl().fetchCount(DSL.table("ingest_runs"));
            ingest.run(store);
            assertThat(contents(store)).isEqualTo(first);
            assertThat(store.dsl().fetch("SELECT source_kind, status, rows_inserted, rows_updated FROM ingest_runs "
                    + "WHERE run_id > " + runs + " ORDER BY run_id"))
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.get("status", String.class)).as(r.toString()).isEqualTo("unchanged");
                        assertThat(r.get("rows_inserted", Long.class) + r.get("rows_updated", Long.class))
                                .as(r.toString()).isZero();
                    });
            assertThat(first).containsKeys("pipe_breaks_clean", "pipes", "area_soil", "climate_monthly");
        }
    }

    /** Every table outside the run log with an order-independent digest of its rows. */
    private static Map<String, String> contents(BreakwaterStore store) {
        Map<String, String> out = new TreeMap<>();
        List<String> tables = store.dsl().fetch("SELECT table_name FROM information_schema.tables WHERE table_schema "
                + "= 'main' AND table_type = 'BASE TABLE'").getValues(0, String.class);
        for (String table : tables) {
            if (!RUN_LOG.contains(table)) {
                out.put(table, store.dsl().fetchValue("SELECT count(*) || ':' || coalesce(md5(string_agg(t::VARCHAR, "
                        + "chr(10) ORDER BY t::VARCHAR)), '') FROM \"" + table + "\" t").toString());
            }
        }
        return out;
    }
}
