package io.breakwater.bi;

import static io.breakwater.db.schema.Tables.PIPES;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst's first visual needs: actual against expected breaks per area, with an area slicer that filters
 * risk scores. Read from the exported Parquet only, joined along the relationships the star documents
 * ({@link StarSchema#relationships()}): no key may dangle, and both facts reach {@code dim_area} through an active one.
 */
class RiskByAreaIntegrationTests {
    @TempDir
    Path dir;

    @Test
    void riskScoresAndBreaksFilterByAreaThroughTheExportedRelationships() throws Exception {
        Path out = dir.resolve("powerbi");
        DemoFixture.Summary demo;
        Map<String, Double> expectedByArea = new HashMap<>();
        Map<String, Integer> breaks2016ByArea = new HashMap<>();
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            demo = DemoFixture.fill(store, 11);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            PowerBiExport.to(out).build().export(store, ProgressListener.NONE);
            // the truth, from the source tables: latest scores of the newest model summed by their pipe's area
            for (var r : store.dsl().select(PIPES.AREA_ID, DSL.sum(PIPE_BREAK_RISK_SCORES.EXPECTED_BREAKS))
                    .from(PIPE_BREAK_RISK_SCORES).join(PIPES).on(PIPES.PIPE_ID.eq(PIPE_BREAK_RISK_SCORES.ASSET_ID))
                    .where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(DemoFixture.NEW_MODEL))
                    .and(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.eq(LocalDate.of(2016, 12, 1)))
                    .groupBy(PIPES.AREA_ID).fetch()) {
                expectedByArea.put(r.value1(), r.value2().doubleValue());
            }
            for (var r : store.dsl().select(PIPE_BREAKS_CLEAN.AREA_ID, DSL.count()).from(PIPE_BREAKS_CLEAN)
                    .where(PIPE_BREAKS_CLEAN.BREAK_YEAR.eq(2016)).groupBy(PIPE_BREAKS_CLEAN.AREA_ID).fetch()) {
                breaks2016ByArea.put(r.value1(), r.value2());
            }
        }
        Relationship risk = relationship("fct_risk_score", "dim_area");
        Relationship broke = relationship("fct_break", "dim_area");
        Relationship day = relationship("fct_break", "dim_date");
        assertThat(risk.active()).as("an area slicer filters risk scores").isTrue();
        assertThat(broke.active()).isTrue();

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            for (Relationship r : StarSchema.relationships()) {
                String query = "SELECT count(*) FROM " + parquet(out, r.fromTable()) + " f WHERE f." + r.fromColumn()
                        + " IS NOT NULL AND f." + r.fromColumn() + " NOT IN (SELECT " + r.toColumn() + " FROM "
                        + parquet(out, r.toTable()) + ")";
                try (ResultSet rs = sql.executeQuery(query)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("keys of %s without a row in %s", r.fromTable() + "."
                            + r.fromColumn(), r.toTable()).isZero();
                }
            }
            // the visual: per area name, breaks of 2016 (through dim_date) and expected breaks of the latest scores
            String visual = "SELECT a.area_key, a.area_name, coalesce(b.actual, 0), s.expected FROM "
                    + parquet(out, "dim_area") + " a LEFT JOIN (SELECT f." + broke.fromColumn() + " AS k, sum(f"
                    + ".break_count) AS actual FROM " + parquet(out, "fct_break") + " f JOIN " + parquet(out,
                            "dim_date") + " d ON f." + day.fromColumn() + " = d." + day.toColumn()
                    + " WHERE d.year = 2016 GROUP BY 1) b ON b.k = a." + broke.toColumn()
                    + " LEFT JOIN (SELECT r." + risk.fromColumn() + " AS k, sum(r.expected_breaks) AS expected FROM "
                    + parquet(out, "fct_risk_score") + " r WHERE r.is_latest GROUP BY 1) s ON s.k = a."
                    + risk.toColumn() + " ORDER BY a.area_key";
            int areas = 0;
            try (ResultSet rs = sql.executeQuery(visual)) {
                while (rs.next()) {
                    areas++;
                    String area = rs.getString(1);
                    assertThat(rs.getString(2)).as("named").startsWith("Demo area ");
                    assertThat(rs.getInt(3)).as("actual in %s", area).isEqualTo(breaks2016ByArea.getOrDefault(area, 0));
                    assertThat(rs.getDouble(4)).as("expected in %s", area).isPositive()
                            .isCloseTo(expectedByArea.get(area), within(1e-9));
                }
            }
            assertThat(areas).isEqualTo(DemoFixture.AREAS_COUNT);
            assertThat(breaks2016ByArea.values().stream().mapToInt(Integer::intValue).sum()).isPositive()
                    .isLessThan(demo.breaks());
        }
    }

    private static Relationship relationship(String from, String to) {
        return StarSchema.relationships().stream().filter(r -> r.fromTable().equals(from) && r.toTable().equals(to))
                .findFirst().orElseThrow(() -> new AssertionError("no relationship " + from + " -> " + to));
    }

    private static String parquet(Path out, String table) {
        return "read_parquet('" + out.resolve(table + ".parquet") + "')";
    }
}
