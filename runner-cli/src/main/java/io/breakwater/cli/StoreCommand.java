package io.breakwater.cli;

import picocli.CommandLine.Mixin;

/**
 * A command on one store: the {@code --db} option ({@link DbOption}), declared once here, beside what every command
 * has ({@link CliCommand}). Every command that opens the store of {@code --db} extends it.
 */
abstract class StoreCommand extends CliCommand {
    @Mixin
    DbOption db;
}
