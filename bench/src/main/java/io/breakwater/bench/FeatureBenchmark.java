package io.breakwater.bench;

import io.breakwater.bench.internal.CityRun;
import io.breakwater.bench.internal.CityStages;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.features.FeatureBuild;
import io.breakwater.features.FeatureBuildResult;
import io.breakwater.features.FeatureSetDefinition;
import io.breakwater.features.Grain;
import io.breakwater.pipeline.Stage;
import io.breakwater.synth.CityResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * The feature-build benchmark: a synthetic city is written and ingested into an empty store (not timed as the build),
 * then its pipe panel is built and timed, with the Java heap's peak during the build.
 */
public final class FeatureBenchmark {
    private FeatureBenchmark() {
    }

    /**
     * What the benchmark measured.
     *
     * @param city          the city generated
     * @param written       time to write the city's files
     * @param ingest        time to ingest them
     * @param build         the feature build's own result (rows, step timings)
     * @param peakHeapBytes the highest Java heap use seen during the build (sum of the heap pools' peaks)
     * @param maxHeapBytes  the JVM's heap limit (-Xmx)
     */
    public record Result(CityResult city, Duration written, Duration ingest, FeatureBuildResult build,
            long peakHeapBytes, long maxHeapBytes) {
        public double rowsPerSecond() {
            return build.rowCount() / Math.max(0.001, build.total().toMillis() / 1000.0);
        }
    }

    /** Runs the benchmark on {@code store}, which should be empty; the city's files go to {@code dir}. */
    public static Result run(BreakwaterStore store, Path dir, int pipes, int years, int horizonMonths, long seed,
            Clock clock, ProgressListener progress) {
        CityRun city = CityRun.write(dir, pipes, years, seed, store.location().describe(), List.of(), progress);
        long t0 = System.nanoTime();
        CityStages.run(city, store, Stage.INGEST, Stage.INGEST, clock, progress);
        Duration ingest = Duration.ofNanos(System.nanoTime() - t0);
        ProcessFigures.resetHeapPeaks();
        FeatureBuildResult result = FeatureBuild.on(store).clock(clock).progress(progress)
                .run(FeatureSetDefinition.builder().name("bench").grain(Grain.pipe()).horizonMonths(horizonMonths)
                        .firstMonth(YearMonth.of(city.city().firstYear(), 1))
                        .lastMonth(YearMonth.of(city.city().lastYear(), 12)).build());
        return new Result(city.city(), city.written(), ingest, result, ProcessFigures.peakHeapBytes(),
                Runtime.getRuntime().maxMemory());
    }
}
