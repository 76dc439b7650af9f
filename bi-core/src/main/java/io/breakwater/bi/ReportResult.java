package io.breakwater.bi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the offline report holds.
 *
 * @param file        the HTML file written
 * @param bytes       its size
 * @param generatedAt when it was generated (from the caller's clock)
 * @param charts      ids of the chart canvases in the page, in page order
 * @param empty       charts that show a "no data" note instead, with the reason (e.g. no models trained yet)
 * @param maps        ids of the SVG maps with the number of shapes each draws
 */
public record ReportResult(Path file, long bytes, Instant generatedAt, List<String> charts, Map<String, String> empty,
        Map<String, Integer> maps) {

    public ReportResult {
        charts = List.copyOf(charts);
        empty = Map.copyOf(empty);
        maps = Map.copyOf(maps);
    }
}
