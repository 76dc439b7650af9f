package io.breakwater.bi;

import static io.breakwater.db.schema.Tables.DQ_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check that warns the run (a mapping that misreads a column) is on the report's first screen, above the charts. */
class ReportWarningsTests {
    @TempDir
    Path dir;

    private static void check(BreakwaterStore store, long run, String name, String severity, long elements,
            long unexpected, Double threshold, String message) {
        store.dsl().insertInto(DQ_RESULTS).set(DQ_RESULTS.RUN_ID, run).set(DQ_RESULTS.CHECK_NAME, name)
                .set(DQ_RESULTS.TABLE_NAME, "pipes").set(DQ_RESULTS.SEVERITY, severity)
                .set(DQ_RESULTS.STATUS, unexpected == 0 ? "passed" : "warned").set(DQ_RESULTS.ELEMENT_COUNT, elements)
                .set(DQ_RESULTS.UNEXPECTED_COUNT, unexpected)
                .set(DQ_RESULTS.UNEXPECTED_PERCENT, 100.0 * unexpected / elements).set(DQ_RESULTS.THRESHOLD, threshold)
                .set(DQ_RESULTS.MESSAGE, message).set(DQ_RESULTS.CHECKED_AT, LocalDateTime.of(2026, 11, 20, 9, 0))
                .execute();
    }

    @Test
    void aMisreadColumnWarnsAtTheTopAndFlaggedRowsUnderTheThresholdDoNot() throws Exception {
        Path html = dir.resolve("report.html");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            DemoFixture.fill(store, 21);
            check(store, 4, "pipe_install_year_range", "flag_row", 15_770, 15_768, 0.5,
                    "install year readable: 15768 of 15770 (99.99%) did not pass; mapping key attributes.installYear");
            check(store, 4, "pipe_material_known", "flag_row", 15_770, 40, 0.5, "material maps: 40 of 15770");
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            Report.builder().title("A city").clock(StarSchemaTests.CLOCK).build().write(store, html,
                    ProgressListener.NONE);
        }
        String page = Files.readString(html);
        int warnings = page.indexOf("<section id=\"warnings\"");
        assertThat(warnings).as("a warnings section").isPositive();
        assertThat(warnings).as("before the first chart section").isLessThan(page.indexOf("<section id=\"trends\""));
        String section = page.substring(warnings, page.indexOf("</section>", warnings));
        assertThat(section).contains("demo-soil-synthetic (soil): pipe_install_year_range", "attributes.installYear")
                .doesNotContain("pipe_material_known").doesNotContain("year_matches_date");
    }

    /** Fresh data (a month old), a model ahead of its baselines and no failing check: no warnings section. */
    @Test
    void aStoreWithoutWarningsHasNoWarningsSection() throws Exception {
        Path html = dir.resolve("report.html");
        Clock january = Clock.fixed(Instant.parse("2017-01-20T08:00:00Z"), ZoneOffset.UTC);
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            DemoFixture.fill(store, 21);
            StarSchema.refresh(store, january, ProgressListener.NONE);
            Report.builder().title("A city").clock(january).build().write(store, html, ProgressListener.NONE);
        }
        String page = Files.readString(html);
        assertThat(page).doesNotContain("<section id=\"warnings\"");
        assertThat(page).contains("<div class=\"tile \" id=\"tile-warnings\"><h3>Warnings</h3><p class=\"figure\">none");
    }

    /** Data older than a year are called stale, first in the headline row and among the warnings. */
    @Test
    void staleDataWarnAtTheTop() throws Exception {
        Path html = dir.resolve("report.html");
        try (BreakwaterStore store = DemoFixture.refreshed(dir, 21, StarSchemaTests.CLOCK)) {
            Report.builder().title("A city").clock(StarSchemaTests.CLOCK).build().write(store, html,
                    ProgressListener.NONE);
        }
        String page = Files.readString(html);
        String section = page.substring(page.indexOf("<section id=\"warnings\""));
        assertThat(section.substring(0, section.indexOf("</section>"))).contains("The data are stale");
    }
}
