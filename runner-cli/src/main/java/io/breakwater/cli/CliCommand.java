package io.breakwater.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every command that runs (groups extend {@link CommandGroup}): its spec, its own output writers (tests
 * capture them) and the progress the quiet and progress switches of {@link OutputOptions} allow.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The command's own output writer. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command's own error writer. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The progress this command reports, as the user's switches allow. */
    ConsoleProgress progress() {
        return OutputOptions.progress(spec);
    }
}
