package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.pipeline.PipelineConfig;
import io.breakwater.pipeline.Stage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater demo}: the whole pipeline on the bundled Toronto data. */
@Command(name = "demo")
final class DemoCommand extends CliCommand {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The Toronto sample folder (default: sample-data/toronto of this checkout).")
    Path data;


    @Override
    public Integer call() throws IOException {
        Path folder = data != null ? data : findSampleData();
        Path configFile = folder.resolve("pipeline.yaml");
        if (!Files.isRegularFile(configFile)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "no demo pipeline at " + configFile + ": pass --data with the sample-data/toronto folder");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "--out " + out + " is a file; expected a "
                    + "folder for the demo's database, report and Power BI files (or a path that does not exist yet)");
        }
        Files.createDirectories(out);
        PipelineConfig config = PipelineConfig.read(configFile).withOutputFolder(out);
        for (String leftover : List.of("breakwater.duckdb", "breakwater.duckdb.wal")) {
            Files.deleteIfExists(out.resolve(leftover));
        }
        return RunCommand.execute(out(), config, Stage.INGEST, Stage.BI, progress());
    }

    /** sample-data/toronto of the checkout that holds this jar (runner-cli/target/breakwater.jar), else the working folder's. */
    private static Path findSampleData() {
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("sample-data").resolve("toronto");
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working folder
        }
        return Path.of("sample-data", "toronto");
    }
}
