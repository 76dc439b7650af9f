package io.breakwater.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The two output switches, declared once on the top-level command and inherited by every command with the same names,
 * so that a scheduler can pass them anywhere: {@code --no-progress} draws no progress bars, {@code -q/--quiet} prints
 * no bars and no step lines, only what the command was asked for (a table, a list), warnings and errors.
 */
final class OutputOptions {
    @Option(names = "--no-progress", scope = ScopeType.INHERIT,
            description = "Draw no progress bars (bars are drawn on a terminal only, never into a file or a pipe).")
    boolean noProgress;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress bars and no step lines: only the result asked for, warnings and errors.")
    boolean quiet;

    /** The progress a command of {@code spec} reports to its output, with the switches the user gave. */
    static ConsoleProgress progress(CommandSpec spec) {
        OutputOptions options = of(spec);
        PrintWriter out = spec.commandLine().getOut();
        return new ConsoleProgress(out, !options.noProgress && !options.quiet, !options.quiet);
    }

    /** Whether the user asked for quiet output. */
    static boolean quiet(CommandSpec spec) {
        return of(spec).quiet;
    }

    private static OutputOptions of(CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof BreakwaterCommand command ? command.output : new OutputOptions();
    }
}
