package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import io.breakwater.features.bench.BenchCity;
import io.breakwater.features.bench.FeatureBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater bench features}: builds a feature panel on a generated city and reports its speed. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Generate a city of N pipes over Y years in a new store and time its pipe-grain feature build.")
final class BenchFeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pipes", paramLabel = "N", defaultValue = "28000", description = "Pipes; default ${DEFAULT-VALUE}.")
    int pipes;

    @Option(names = "--years", paramLabel = "Y", defaultValue = "30", description = "Years; default ${DEFAULT-VALUE}.")
    int years;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "12", description = "Label horizon; default ${DEFAULT-VALUE}.")
    int horizon;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--db", paramLabel = "LOCATION", defaultValue = "bench-features.duckdb",
            description = "A new store (an existing file is refused): DuckDB file (default ${DEFAULT-VALUE}), "
                    + "'memory', or *.sqlite for SQLite.")
    String location;


    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (pipes < 1 || years < 1 || years > 100) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "bench features: --pipes must be at least 1 and --years between 1 and 100");
        }
        StoreLocation where = StoreLocation.parse(location);
        if (where.path() != null && Files.exists(where.path())) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "bench features: " + where.path()
                    + " already exists; the benchmark needs a new store (delete it or give another --db)");
        }
        try (BreakwaterStore store = BreakwaterStore.open(where)) {
            FeatureBenchmark.Result r = FeatureBenchmark.run(store,
                    new BenchCity(pipes, years, 2025, seed), horizon, Clock.systemUTC(),
                    OutputOptions.progress(spec));
            FeaturesCommand.Build.print(out, r.build());
            out.printf("database        %s (%s)%n", store.location(), store.isDuckDb() ? "DuckDB" : "SQLite");
            out.printf("throughput      %,.0f rows/s%n", r.rowsPerSecond());
            out.printf("java heap       peak %,d MB of %,d MB max%n", r.peakHeapBytes() >> 20, r.maxHeapBytes() >> 20);
            long rss = peakResidentKb();
            if (rss > 0) {
                out.printf("process memory  peak resident %,d MB (heap + database)%n", rss >> 10);
            }
        }
        return 0;
    }

    /** Linux only: the process's peak resident set (VmHWM), or -1. */
    private static long peakResidentKb() {
        Path status = Path.of("/proc/self/status");
        try {
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
