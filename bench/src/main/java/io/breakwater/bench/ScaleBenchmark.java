package io.breakwater.bench;

import io.breakwater.bench.internal.CityRun;
import io.breakwater.bench.internal.CityStages;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.pipeline.PipelineResult;
import io.breakwater.pipeline.Stage;
import io.breakwater.pipeline.StageResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A synthetic utility through the whole pipeline as a user runs it: the city's files are written, then ingest,
 * features, the model stage (the rolling yearly back-test, five test years by default, and the final model) and
 * scoring run on one DuckDB store, each stage timed; the process's peak resident set is read at the end and the
 * machine's load at start and end, since the machine may be shared.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {
    }

    /**
     * What the run measured.
     *
     * @param pipes             pipes in the city
     * @param years             years of history
     * @param breaks            breaks drawn
     * @param written           time to write the city's files
     * @param run               the pipeline's result: per-stage wall time and summaries
     * @param peakResidentBytes the process's peak resident set at the end (heap, DuckDB, XGBoost), -1 off Linux
     * @param maxHeapBytes      -Xmx
     * @param loadAtStart       load averages (1, 5, 15 min) at start
     * @param loadAtEnd         and at the end
     * @param cpuSeconds        CPU time of the process over the run
     */
    public record Result(int pipes, int years, long breaks, Duration written, PipelineResult run,
            long peakResidentBytes, long maxHeapBytes, String loadAtStart, String loadAtEnd, double cpuSeconds) {

        /** Wall time from the first file written to the last score. */
        public Duration total() {
            return written.plus(run.total());
        }

        public Duration stage(Stage stage) {
            return run.stages().stream().filter(s -> s.stage() == stage).map(StageResult::elapsed).findFirst()
                    .orElse(Duration.ZERO);
        }
    }

    /**
     * Runs the benchmark in {@code dir} (the city's files, {@code bench.duckdb}, models).
     *
     * @param settings pipeline config settings as {@code section.key=value}, e.g. {@code model.threads=2}
     */
    public static Result run(Path dir, int pipes, int years, long seed, List<String> settings, Clock clock,
            ProgressListener progress) {
        String loadAtStart = ProcessFigures.loadAverage();
        double cpu0 = ProcessFigures.processCpuSeconds();
        try (BreakwaterStore store = BreakwaterStore.open(dir.resolve("bench.duckdb").toString())) {
            CityRun city = CityRun.write(dir, pipes, years, seed, store.location().describe(), settings, progress);
            PipelineResult run = CityStages.run(city, store, Stage.INGEST, Stage.SCORE, clock, progress);
            return new Result(pipes, years, city.city().breaksDrawn(), city.written(), run,
                    ProcessFigures.peakResidentBytes(), Runtime.getRuntime().maxMemory(), loadAtStart,
                    ProcessFigures.loadAverage(), ProcessFigures.processCpuSeconds() - cpu0);
        }
    }
}
