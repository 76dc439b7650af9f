package io.breakwater.cli;

import picocli.CommandLine.Option;

/** {@code --areas}: the area set an ingest assigns its rows to ({@code ingest breaks}, {@code ingest soil}). */
final class AreaSetOption {
    @Option(names = "--areas", paramLabel = "AREA_SET",
            description = "Area set (an areas mapping's source) to assign breaks, or the area codes of a soil table, "
                    + "to; default: the mapping's 'areas', else the store's only area set.")
    String areas;
}
