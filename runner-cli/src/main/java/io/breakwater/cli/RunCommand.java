package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.pipeline.Pipeline;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.pipeline.Stage;
import io.breakwater.pipeline.StageResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code breakwater run pipeline.yaml}: every stage in order, or a part of them. */
@Command(name = "run")
final class RunCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "PIPELINE.yaml", description = "The pipeline config.")
    Path config;

    @Option(names = "--from", paramLabel = "STAGE", defaultValue = "ingest",
            description = "First stage to run: ingest, features, model, score, forecast, bi (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", paramLabel = "STAGE", defaultValue = "bi",
            description = "Last stage to run (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--db", paramLabel = "LOCATION",
            description = "Run on this database instead of the config's (e.g. a .sqlite file for a libSQL replica).")
    String db;


    @Override
    public Integer call() {
        PipelineConfig pipelineConfig = PipelineConfig.read(config);
        if (db != null) {
            pipelineConfig = pipelineConfig.withDatabase(db).validate();
        }
        Stage first = Stage.parse(from);
        Stage last = Stage.parse(to);
        if (first.compareTo(last) > 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "--from " + first.id() + " comes after --to " + last.id());
        }
        return execute(out(), pipelineConfig, first, last, progress());
    }

    static int execute(PrintWriter out, PipelineConfig config, Stage from, Stage to, ConsoleProgress progress) {
        PipelineResult result = Pipeline.of(config).stages(from, to).progress(progress).run();
        print(out, result);
        return 0;
    }

    static void print(PrintWriter out, PipelineResult result) {
        out.println();
        for (StageResult stage : result.stages()) {
            out.printf(Locale.ROOT, "== %-9s %7.1f s%n", stage.stage().id(), stage.elapsed().toMillis() / 1000.0);
            stage.lines().forEach(line -> out.println("   " + line));
        }
        out.printf(Locale.ROOT, "%npipeline finished in %.1f s; written:%n", result.total().toMillis() / 1000.0);
        for (Map.Entry<String, String> output : result.outputs().entrySet()) {
            out.printf(Locale.ROOT, "  %-9s %s%n", output.getKey(), output.getValue());
        }
        out.flush();
    }
}
