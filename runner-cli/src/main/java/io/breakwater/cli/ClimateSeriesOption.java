package io.breakwater.cli;

import picocli.CommandLine.Option;

/** {@code --climate-series}: the climate series {@code features build} and {@code forecast} read. */
final class ClimateSeriesOption {
    @Option(names = "--climate-series", paramLabel = "ID",
            description = "climate_monthly series to read (default: the only one, or of several the one with the "
                    + "most observed months).")
    String id;
}
