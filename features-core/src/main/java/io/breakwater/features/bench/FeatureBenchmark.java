package io.breakwater.features.bench;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import io.breakwater.features.FeatureBuild;
import io.breakwater.features.FeatureBuildResult;
import io.breakwater.features.FeatureSetDefinition;
import io.breakwater.features.Grain;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;

/**
 * The feature-build benchmark: fills an empty store with a {@link BenchCity} and builds its pipe panel, measuring time
 * and Java heap. Run by hand ({@code breakwater bench features}), never as a test.
 */
public final class FeatureBenchmark {
    private FeatureBenchmark() {
    }

    /**
     * What the benchmark measured.
     *
     * @param city          what was generated
     * @param fill          time to write the curated tables
     * @param build         the feature build's own result (rows, step timings)
     * @param peakHeapBytes the highest Java heap use seen during the build (sum of the heap pools' peaks)
     * @param maxHeapBytes  the JVM's heap limit (-Xmx)
     */
    public record Result(BenchCity.Filled city, Duration fill, FeatureBuildResult build, long peakHeapBytes,
            long maxHeapBytes) {
        public double rowsPerSecond() {
            return build.rowCount() / Math.max(0.001, build.total().toMillis() / 1000.0);
        }
    }

    /** Runs the benchmark on {@code store}, which should be empty (the city is added to whatever is there). */
    public static Result run(BreakwaterStore store, BenchCity city, int horizonMonths, Clock clock,
            ProgressListener progress) {
        progress.started("generate city", -1, "pipes");
        long t0 = System.nanoTime();
        BenchCity.Filled filled = city.fill(store);
        Duration fill = Duration.ofNanos(System.nanoTime() - t0);
        progress.finished("generate city", String.format("city: %,d pipes, %,d districts, %,d breaks, %d climate months "
                + "(%s..%s), written in %.1f s", filled.pipes(), filled.areas(), filled.breaks(),
                filled.climateMonths(), filled.firstMonth(), filled.lastMonth(), fill.toMillis() / 1000.0));

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        FeatureBuildResult result = FeatureBuild.on(store).clock(clock).progress(progress)
                .run(FeatureSetDefinition.builder().name("bench").grain(Grain.pipe()).horizonMonths(horizonMonths)
                        .firstMonth(filled.firstMonth()).lastMonth(filled.lastMonth()).build());
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Result(filled, fill, result, peak, Runtime.getRuntime().maxMemory());
    }
}
