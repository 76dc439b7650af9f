package io.breakwater.cli;

import picocli.CommandLine.Option;

/**
 * {@code --pipes}, {@code --years} and {@code --seed} of a synthetic city ({@code synth} and the benchmarks); each
 * command gives its defaults.
 */
final class CityOptions {
    @Option(names = "--pipes", paramLabel = "N", description = "Pipes of the city (default ${DEFAULT-VALUE}).")
    int pipes;
    @Option(names = "--years", paramLabel = "Y", description = "Years of history (default ${DEFAULT-VALUE}).")
    int years;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    CityOptions(int pipes, int years, long seed) {
        this.pipes = pipes;
        this.years = years;
        this.seed = seed;
    }
}
