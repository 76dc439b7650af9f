package io.breakwater.cli;

import picocli.CommandLine.Option;

/** {@code --horizon}: the months a feature set's labels count breaks over ({@code features build|bench features}). */
final class LabelHorizonOption {
    @Option(names = "--horizon", paramLabel = "H", defaultValue = "12",
            description = "Labels count breaks in the next H months: 1, 3 or 12; default ${DEFAULT-VALUE}.")
    int months;
}
