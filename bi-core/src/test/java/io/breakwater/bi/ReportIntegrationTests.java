package io.breakwater.bi;

import static io.breakwater.db.schema.Tables.DASH_RISK_RANKING;
import static io.breakwater.db.schema.Tables.FCT_BREAK_FORECAST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in real headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) with the
 * network cut off, and reads the render-status element the page script writes: every chart must have drawn pixels,
 * the maps their shapes, and nothing may have logged an error. A screenshot is saved in target/report-it/.
 */
class ReportIntegrationTests {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path OUTPUT = Path.of("target", "report-it").toAbsolutePath();
    private static final Pattern STATUS = Pattern.compile(
            "<pre id=\"render-status\" data-complete=\"(\\w+)\">(.*?)</pre>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theReportRendersEveryChartAndBothMapsInHeadlessChromium() throws Exception {
        assertThat(CHROMIUM).as("headless Chromium; install Debian's package: apt-get install -y chromium")
                .isExecutable();
        Files.createDirectories(OUTPUT);
        Path html = OUTPUT.resolve("report.html");
        ReportResult result;
        try (BreakwaterStore store = DemoFixture.refreshed(dir, 21, StarSchemaTests.CLOCK)) {
            result = Report.builder().title("Demo city: water main breaks").clock(StarSchemaTests.CLOCK).build()
                    .write(store, html, ProgressListener.NONE);
        }
        assertThat(result.empty()).isEmpty();
        assertThat(result.charts()).hasSize(18);   // 13 + the forecast section (network, 3 areas, anomalies)
        assertThat(result.maps()).containsEntry("map-breaks", DemoFixture.AREAS_COUNT)
                .containsEntry("map-risk", DemoFixture.AREAS_COUNT);
        String page = Files.readString(html);
        // self-contained: no external script, style, image or font; no machine path, a readable time
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("url(http")
                .contains("Chart.js v4").doesNotContain(dir.toString()).doesNotContain("{{")
                .contains("generated 21 November 2026, 12:00 UTC");

        JsonNode status = render(html, result);
        // a classifier: the risk map is coloured by probability
        assertThat(mapLegend(page)).contains("mean probability of a break");
        String dom = chromium(html, "--dump-dom").out();
        assertThat(tile(dom, "tile-lift")).contains("+0.0").contains("ahead of past_breaks")
                .contains("share of breaks in the top 5% of length");
        screenshot(html, "report.png");
        assertThat(status.get("charts").size()).isEqualTo(18); // the forecast section draws through the report's chart function
    }

    /**
     * The demo's case: area grain, no pipe inventory, a count model behind its strongest baseline. The ranking names
     * areas, the risk map is coloured by expected breaks per km², every bar has its label, and the headline row
     * shows the lift with its minus sign and a warning saying so.
     */
    @Test
    void aCountModelAtAreaGrainReadsByNameAndExpectedBreaks() throws Exception {
        Files.createDirectories(OUTPUT);
        Path html = OUTPUT.resolve("report-count.html");
        ReportResult result;
        String forecastTotal;
        String scoresTotal;
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            DemoFixture.fillAreaCountModel(store, 21);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            result = Report.builder().title("Demo city: water main breaks").clock(StarSchemaTests.CLOCK).build()
                    .write(store, html, ProgressListener.NONE);
            forecastTotal = String.format(Locale.ROOT, "%,.0f", store.dsl().select(DSL.sum(FCT_BREAK_FORECAST
                    .EXPECTED_BREAKS)).from(FCT_BREAK_FORECAST).where(FCT_BREAK_FORECAST.SCOPE.eq("network"))
                    .and(FCT_BREAK_FORECAST.SCENARIO.eq("any_weather")).fetchOne(0, Double.class));
            scoresTotal = String.format(Locale.ROOT, "%,.0f", store.dsl().select(DSL.sum(
                    DASH_RISK_RANKING.EXPECTED_BREAKS)).from(DASH_RISK_RANKING)
                    .where(DASH_RISK_RANKING.MODEL_KEY.eq(DemoFixture.NEW_MODEL)).fetchOne(0, Double.class));
        }
        assertThat(result.maps()).containsEntry("map-risk", DemoFixture.AREAS_COUNT);
        String page = Files.readString(html);
        assertThat(mapLegend(page)).contains("expected breaks per km² in the next 12 months")
                .doesNotContain("probability");
        JsonNode status = render(html, result);
        String dom = chromium(html, "--dump-dom").out();

        String ranking = between(dom, "<table id=\"table-risk\">", "</table>");
        assertThat(ranking).contains("Demo area ").contains("expected breaks").doesNotContain("probability")
                .doesNotContainPattern(">A\\d\\d<");
        int headline = dom.indexOf("<section id=\"headline\"");
        assertThat(headline).as("the headline row comes first").isPositive()
                .isLessThan(dom.indexOf("<section id=\"trends\""));
        assertThat(tile(dom, "tile-lift")).contains("class=\"tile behind\"").contains("\u22120.005")
                .contains("behind past_breaks").contains("ahead in 1 of 2");
        // the network total is the forecast's; the risk scores' own sum is named beside it
        assertThat(tile(dom, "tile-expected")).contains("Expected breaks, next 12 months")
                .contains("<p class=\"figure\">" + forecastTotal + "</p>")
                .contains("the network forecast for ").contains("in any weather")
                .contains("risk scores: " + scoresTotal + ", sum of expected breaks");
        assertThat(tile(dom, "tile-asof")).contains("31 Dec 2016").contains("(stale)");
        assertThat(between(dom, "<section id=\"warnings\"", "</section>")).contains("ranks below its strongest")
                .contains("The data are stale");
        String metrics = between(dom, "<table id=\"table-metrics\">", "</table>");
        assertThat(metrics).contains("<th class=\"num\">model</th><th class=\"num\">past_breaks</th>")
                .contains("<td class=\"num\">24</td>").contains("1,401").doesNotContain("700.500");
        screenshot(html, "report-count.png");
        assertThat(status.at("/charts/chart-metrics/drawnPixels").asInt()).isGreaterThan(500);
    }

    /** Renders in Chromium; every chart drew, every map its shapes, every bar its label, no error. */
    private JsonNode render(Path html, ReportResult result) throws Exception {
        Chromium dom = chromium(html, "--dump-dom");
        Matcher m = STATUS.matcher(dom.out());
        assertThat(m.find()).as("render-status in the dumped DOM; stderr: %s", dom.err()).isTrue();
        assertThat(m.group(1)).isEqualTo("true");
        JsonNode status = new ObjectMapper().readTree(unescape(m.group(2)));
        assertThat(status.get("errors")).as("errors in the page").isEmpty();
        List<String> drawn = new ArrayList<>();
        status.get("charts").fieldNames().forEachRemaining(drawn::add);
        List<String> expected = new ArrayList<>(result.charts());
        expected.removeAll(result.empty().keySet());
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(expected);
        int barCharts = 0;
        for (String chart : drawn) {
            JsonNode c = status.get("charts").get(chart);
            assertThat(c.get("width").asInt()).as(chart).isGreaterThan(100);
            assertThat(c.get("drawnPixels").asInt()).as("pixels drawn by %s", chart).isGreaterThan(500);
            if (c.has("bars")) {
                barCharts++;
                assertThat(c.get("labelsDrawn").asInt()).as("bar labels drawn by %s", chart)
                        .isEqualTo(c.get("bars").asInt()).isPositive();
            }
        }
        assertThat(barCharts).as("bar charts").isGreaterThanOrEqualTo(4);
        for (var map : result.maps().entrySet()) {
            assertThat(status.at("/maps/" + map.getKey() + "/shapes").asInt()).as(map.getKey())
                    .isEqualTo(map.getValue());
            assertThat(status.at("/maps/" + map.getKey() + "/width").asInt()).as(map.getKey()).isGreaterThan(250);
        }
        assertThat(dom.err()).doesNotContain("Uncaught").doesNotContainPattern("CONSOLE.*[Ee]rror");
        return status;
    }

    private void screenshot(Path html, String name) throws Exception {
        Path png = OUTPUT.resolve(name);
        Files.deleteIfExists(png);
        chromium(html, "--screenshot=" + png, "--window-size=1400,7000", "--hide-scrollbars");
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(50_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static String mapLegend(String page) {
        return between(page, "<svg id=\"map-risk\"", "</svg>").replaceAll("<title>.*?</title>", "");
    }

    private static String tile(String dom, String id) {
        int at = dom.indexOf("id=\"" + id + "\"");
        assertThat(at).as(id).isPositive();
        return dom.substring(dom.lastIndexOf("<div", at), dom.indexOf("</div>", at));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the page", start).isGreaterThanOrEqualTo(0);
        return text.substring(from, text.indexOf(end, from));
    }

    record Chromium(String out, String err) {
    }

    private Chromium chromium(Path html, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=10000", "--window-size=1400,1000"));
        command.addAll(List.of(extra));
        command.add(html.toUri().toString());
        Path out = dir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = dir.resolve("chromium-" + System.nanoTime() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + Files.readString(err));
        }
        return new Chromium(Files.readString(out), Files.readString(err));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
