package io.breakwater.cli;

import io.breakwater.bench.FeatureBenchmark;
import io.breakwater.bench.ProcessFigures;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater bench features}: builds the pipe panel of a synthetic city and reports its speed. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Write a synthetic city of N pipes over Y years, ingest it into a new store and time its "
                + "pipe-grain feature build.")
final class BenchFeaturesCommand extends CliCommand {

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

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the city's files (default: a new "
            + "temporary folder, deleted after).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        if (pipes < 4 || years < 1 || years > 100) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "bench features: --pipes must be at least 4 and --years between 1 and 100");
        }
        StoreLocation where = StoreLocation.parse(location);
        if (where.path() != null && Files.exists(where.path())) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "bench features: " + where.path()
                    + " already exists; the benchmark needs a new store (delete it or give another --db)");
        }
        try (BenchCommand.Work work = BenchCommand.Work.of(dir); BreakwaterStore store = BreakwaterStore.open(where)) {
            FeatureBenchmark.Result r = FeatureBenchmark.run(store, work.dir(), pipes, years, horizon, seed,
                    Clock.systemUTC(), progress());
            out.printf(Locale.ROOT, "city            %,d pipes, %,d breaks drawn, %d..%d; written in %.1f s, "
                    + "ingested in %.1f s%n", r.city().pipes(), r.city().breaksDrawn(), r.city().firstYear(),
                    r.city().lastYear(), r.written().toMillis() / 1000.0, r.ingest().toMillis() / 1000.0);
            FeaturesCommand.Build.print(out, r.build());
            out.printf("database        %s (%s)%n", store.location(), store.isDuckDb() ? "DuckDB" : "SQLite");
            out.printf("throughput      %,.0f rows/s%n", r.rowsPerSecond());
            out.printf("java heap       peak %,d MB of %,d MB max%n", r.peakHeapBytes() >> 20, r.maxHeapBytes() >> 20);
            out.printf("process memory  peak resident %s (heap + database); load average %s%n",
                    BenchCommand.mb(ProcessFigures.peakResidentBytes()), ProcessFigures.loadAverage());
        }
        return 0;
    }
}
