package io.breakwater.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline run did and wrote.
 *
 * @param database the store
 * @param stages   each stage that ran, in order
 * @param total    wall time of the run
 * @param outputs  what was written where (database, report, Power BI folder, models), by name
 * @param featureSetId the feature set built or read
 * @param modelIds the final models scored
 */
public record PipelineResult(String database, List<StageResult> stages, Duration total, Map<String, String> outputs,
        String featureSetId, List<String> modelIds) {
    public PipelineResult {
        stages = List.copyOf(stages);
        outputs = Map.copyOf(outputs);
        modelIds = List.copyOf(modelIds);
    }
}
