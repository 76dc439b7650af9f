package io.breakwater.bi;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            DemoFixture.fill(store, 21);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            result = Report.builder().title("Demo city: water main breaks").clock(StarSchemaTests.CLOCK).build()
                    .write(store, html, ProgressListener.NONE);
        }
        assertThat(result.empty()).isEmpty();
        assertThat(result.charts()).hasSize(18);   // 13 + the forecast section (network, 3 areas, anomalies)
        assertThat(result.maps()).containsEntry("map-breaks", DemoFixture.AREAS_COUNT)
                .containsEntry("map-risk", DemoFixture.AREAS_COUNT);
        String page = Files.readString(html);
        // self-contained: no external script, style, image or font
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("url(http")
                .contains("Chart.js v4");

        Chromium dom = chromium(html, "--dump-dom");
        Matcher m = STATUS.matcher(dom.out());
        assertThat(m.find()).as("render-status in the dumped DOM; stderr: %s", dom.err()).isTrue();
        assertThat(m.group(1)).isEqualTo("true");
        JsonNode status = new ObjectMapper().readTree(unescape(m.group(2)));
        assertThat(status.get("errors")).as("errors in the page").isEmpty();
        assertThat(status.get("skipped")).isEmpty();
        List<String> drawn = new ArrayList<>();
        status.get("charts").fieldNames().forEachRemaining(drawn::add);
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(result.charts());
        for (String chart : result.charts()) {
            JsonNode c = status.get("charts").get(chart);
            assertThat(c.get("width").asInt()).as(chart).isGreaterThan(100);
            assertThat(c.get("drawnPixels").asInt()).as("pixels drawn by %s", chart).isGreaterThan(500);
        }
        for (String map : List.of("map-breaks", "map-risk")) {
            assertThat(status.at("/maps/" + map + "/shapes").asInt()).as(map).isEqualTo(DemoFixture.AREAS_COUNT);
            assertThat(status.at("/maps/" + map + "/width").asInt()).as(map).isGreaterThan(250);
        }
        assertThat(dom.err()).doesNotContain("Uncaught").doesNotContainPattern("CONSOLE.*[Ee]rror");

        Path png = OUTPUT.resolve("report.png");
        Files.deleteIfExists(png);
        chromium(html, "--screenshot=" + png, "--window-size=1400,6400", "--hide-scrollbars");
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(50_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
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
