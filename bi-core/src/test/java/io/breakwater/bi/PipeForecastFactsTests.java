package io.breakwater.bi;

import static io.breakwater.db.schema.Tables.DIM_ASSET;
import static io.breakwater.db.schema.Tables.DIM_DATE;
import static io.breakwater.db.schema.Tables.FCT_PIPE_FORECAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipe forecasts in the star schema and the report: a fact per pipe and month, the pipes expecting most listed. */
class PipeForecastFactsTests {
    @TempDir
    Path dir;

    @Test
    void pipeForecastsAreFactsOfTheirPipeAreaAndMonthAndTheReportListsThePipesExpectingMost() throws Exception {
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            DemoFixture.fill(store, 7);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            var dsl = store.dsl();
            var f = FCT_PIPE_FORECAST;
            assertThat(dsl.fetchCount(f)).isEqualTo(12 * DemoFixture.PIPES_COUNT);
            assertThat(dsl.fetchCount(dsl.select().from(f).join(DIM_ASSET).on(DIM_ASSET.ASSET_KEY.eq(f.ASSET_KEY))
                    .where(DIM_ASSET.AREA_KEY.eq(f.AREA_KEY)))).isEqualTo(12 * DemoFixture.PIPES_COUNT);
            assertThat(dsl.fetchCount(dsl.select().from(f).join(DIM_DATE).on(DIM_DATE.DATE_KEY.eq(f.MONTH_KEY))))
                    .isEqualTo(12 * DemoFixture.PIPES_COUNT);
            assertThat(dsl.selectDistinct(f.METHOD).from(f).fetch(f.METHOD)).containsExactly("climate_nb");

            Path html = dir.resolve("report.html");
            Report.builder().title("Demo").clock(StarSchemaTests.CLOCK).build().write(store, html,
                    ProgressListener.NONE);
            String page = Files.readString(html, StandardCharsets.UTF_8);
            String table = page.substring(page.indexOf("<table id=\"table-pipe-forecast\">"));
            table = table.substring(0, table.indexOf("</table>"));
            // P001 expects 0.5 x (4 winter months x 1.6 + 8) = 7.2 breaks over 2017, the others 1.44
            assertThat(table).contains("<tr><td>P001</td>").contains("<td>7.20</td><td>9.36</td><td>2017-01</td>");
            assertThat(table.split("<tr>")).hasSize(1 + 1 + 10);
        }
    }
}
