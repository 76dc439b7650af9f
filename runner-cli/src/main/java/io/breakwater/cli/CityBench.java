package io.breakwater.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * A benchmark on a synthetic city in a working folder: the city's options (each command gives its defaults), the
 * {@code --dir} option, and the figures printed through one {@link BenchFigures}.
 */
abstract class CityBench extends CliCommand {
    @Mixin
    CityOptions city;
    @Mixin
    BenchOptions.Folder folder;

    CityBench(int pipes, int years) {
        city = new CityOptions(pipes, years, 42);
    }

    @Override
    public Integer call() throws Exception {
        check();
        BenchFigures figures = new BenchFigures(out());
        try (BenchOptions.Work work = folder.open()) {
            run(work.dir(), figures);
        }
        return 0;
    }

    /** Refuses options the benchmark cannot run with, before anything is written; by default none. */
    void check() {
    }

    /** Runs the benchmark in {@code dir} and prints its figures. */
    abstract void run(Path dir, BenchFigures figures) throws Exception;
}
