package io.breakwater.cli;

import static io.breakwater.cli.BenchFigures.seconds;

import io.breakwater.bench.FeatureBenchmark;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import io.breakwater.pipeline.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater bench features}: builds the pipe panel of a synthetic city and reports its speed. */
@Command(name = "features")
final class BenchFeaturesCommand extends CityBench {
    @Mixin
    LabelHorizonOption horizon;

    @Option(names = "--db", paramLabel = "LOCATION", defaultValue = "bench-features.duckdb",
            description = "A new store (an existing file is refused): DuckDB file (default ${DEFAULT-VALUE}), "
                    + "'memory', or *.sqlite for SQLite.")
    String location;

    @Option(names = "--duckdb-memory-limit", paramLabel = "SIZE",
            defaultValue = PipelineConfig.Model.DEFAULT_DUCKDB_MEMORY_LIMIT,
            description = "DuckDB's memory limit, as a pipeline sets it (default ${DEFAULT-VALUE}, the pipeline's).")
    String duckDbMemoryLimit;

    BenchFeaturesCommand() {
        super(28_000, 30);
    }

    @Override
    void check() {
        if (city.pipes < 4 || city.years < 1 || city.years > 100) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "bench features: --pipes must be at least 4 and --years between 1 and 100");
        }
        StoreLocation where = StoreLocation.parse(location);
        if (where.path() != null && Files.exists(where.path())) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "bench features: " + where.path()
                    + " already exists; the benchmark needs a new store (delete it or give another --db)");
        }
    }

    @Override
    void run(Path dir, BenchFigures figures) {
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.parse(location))) {
            store.duckDbMemoryLimit(duckDbMemoryLimit);
            FeatureBenchmark.Result r = FeatureBenchmark.run(store, dir, city.pipes, city.years, horizon.months,
                    city.seed, Clock.systemUTC(), progress());
            figures.line("city            %,d pipes, %,d breaks drawn, %d..%d; written in %.1f s, ingested in %.1f s",
                    r.city().pipes(), r.city().breaksDrawn(), r.city().firstYear(), r.city().lastYear(),
                    seconds(r.written()), seconds(r.ingest()));
            FeaturesCommand.Build.print(out(), r.build());
            figures.line("database        %s (%s)", store.location(), store.isDuckDb()
                            ? "DuckDB, memory limit " + duckDbMemoryLimit : "SQLite")
                    .line("throughput      %,.0f rows/s", r.rowsPerSecond())
                    .line("java heap       peak %,d MB of %,d MB max", r.peakHeapBytes() >> 20, r.maxHeapBytes() >> 20)
                    .process("process memory  peak resident %s (heap + database); load average %s");
        }
    }
}
