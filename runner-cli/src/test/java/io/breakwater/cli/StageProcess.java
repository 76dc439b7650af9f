package io.breakwater.cli;

import io.breakwater.db.ProgressListener;
import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.Stage;
import java.nio.file.Path;

/**
 * One pipeline stage in a process of its own, for the kill tests: prints {@code started} when the stage begins and
 * a line per progress step, then {@code done}. Arguments: pipeline config, store, stage.
 */
public final class StageProcess {
    private StageProcess() {
    }

    public static void main(String[] args) {
        PipelineConfig config = PipelineConfig.read(Path.of(args[0])).withDatabase(args[1]).validate();
        Stage stage = Stage.parse(args[2]);
        System.out.println("started");
        System.out.flush();
        Pipeline.of(config).stages(stage, stage).progress(new ProgressListener() {
            @Override
            public void started(String step, long totalUnits, String unit) {
                System.out.println("step " + step);
                System.out.flush();
            }

            @Override
            public void progressed(String step, long unitsDone) {
            }

            @Override
            public void finished(String step, String summary) {
            }
        }).run();
        System.out.println("done");
        System.out.flush();
    }
}
