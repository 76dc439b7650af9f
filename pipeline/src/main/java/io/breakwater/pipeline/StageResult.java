package io.breakwater.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * What one stage did.
 *
 * @param stage   the stage
 * @param elapsed wall time
 * @param lines   one-line summaries of each step, for people
 */
public record StageResult(Stage stage, Duration elapsed, List<String> lines) {
    public StageResult {
        lines = List.copyOf(lines);
    }
}
