package io.breakwater.cli;

import picocli.CommandLine.Option;

/** {@code --seed}, 42 unless given: the random seed of {@code model train|evaluate} and of benchmarks' draws. */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Random seed (default ${DEFAULT-VALUE}).")
    long value;
}
