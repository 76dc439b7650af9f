package io.breakwater.pipeline;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.synth.CityFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for the kill test: runs the model stage of {@link ModelChoiceIntegrationTests#config} on a store and
 * prints each finished test year of the evaluation ({@code progressed evaluate N}) so that the parent can kill it
 * in the middle.
 */
public final class ModelStageChild {
    private ModelStageChild() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        CityFiles city = CityFiles.in(Path.of(args[3]), List.of(), false);
        PipelineConfig config = ModelChoiceIntegrationTests.config(city, Path.of(args[1]), Long.parseLong(args[2]), 2014,
                false).withDatabase(db.toString());
        ProgressListener progress = new ProgressListener() {
            @Override
            public void progressed(String step, long unitsDone) {
                if (step.startsWith("evaluate")) {
                    System.out.println("progressed evaluate " + unitsDone);
                    System.out.flush();
                }
            }
        };
        try (BreakwaterStore store = BreakwaterStore.open(db.toString())) {
            Pipeline.of(config).progress(progress).stages(Stage.MODEL, Stage.MODEL).run(store);
        }
        System.out.println("model stage finished");
    }
}
