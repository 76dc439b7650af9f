package io.breakwater.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The header every command on one store shares: the {@code --db} option, the command's spec and its output. */
abstract class StoreCommand implements Callable<Integer> {
    @Mixin
    DbOption db;
    @Spec
    CommandSpec spec;

    /** The command's own output writer (tests capture it). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
