package io.breakwater.examples;

import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.PipelineResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole Toronto demo pipeline as an embedding program runs it: the bundled {@code pipeline.yaml} read as it is,
 * its database and outputs sent to a folder of the program's choosing, and no progress listener (a library run is
 * quiet: with slf4j-simple at INFO it logs only what a person running it should hear).
 *
 * <pre>java io.breakwater.examples.TorontoPipelineExample SAMPLE_DATA_DIR [OUT_DIR]</pre>
 */
public final class TorontoPipelineExample {
    private TorontoPipelineExample() {
    }

    public static void main(String[] args) throws Exception {
        Path toronto = Path.of(args.length > 0 ? args[0] : "sample-data/toronto");
        Path out = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("breakwater-toronto");
        PipelineConfig config = PipelineConfig.read(toronto.resolve("pipeline.yaml")).withOutputFolder(out);
        PipelineResult result = Pipeline.of(config).run();
        System.out.printf("%d stages in %.1f s; report %s%n", result.stages().size(), result.total().toMillis() / 1e3,
                result.outputs().get("report"));
    }
}
