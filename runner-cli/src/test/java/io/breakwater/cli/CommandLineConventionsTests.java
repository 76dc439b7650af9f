package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.StoreLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What is the same on every command: the exit codes {@code --help} lists, the quiet and the progress switch. */
class CommandLineConventionsTests {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryExitCodeOfErrorCodeWithItsMeaningAndNoOther() {
        Outcome help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        // picocli wraps a long meaning onto an indented next line: join it back
        String codes = help.out().substring(help.out().indexOf("Exit codes:")).replaceAll("\\R {6,}", " ");
        assertThat(codes).containsPattern("(?m)^\\s+0\\s+success$");
        List<String> listed = new ArrayList<>();
        for (String line : codes.lines().skip(1).toList()) {
            if (line.matches("\\s+\\d+\\s+.*")) {
                listed.add(line.strip().split("\\s+")[0]);
            }
        }
        List<String> expected = new ArrayList<>(List.of("0"));
        for (ErrorCode code : ErrorCode.values()) {
            expected.add(String.valueOf(code.exitCode()));
            assertThat(codes).as(code.name()).containsPattern("(?m)^\\s+" + code.exitCode() + "\\s+"
                    + java.util.regex.Pattern.quote(code.meaning()) + "$");
        }
        assertThat(listed).as("one line per code, none retyped by hand").containsExactlyElementsOf(expected);
        assertThat(ErrorCode.PARITY_DIFFERENCE.exitCode()).isEqualTo(9);
        assertThat(codes).doesNotContainPattern("(?m)^\\s+1\\s");
    }

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        for (CommandLine command : allCommands()) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            assertThat(String.join(" ", spec.usageMessage().description())).as(spec.qualifiedName()).isNotBlank();
            for (CommandLine.Model.ArgSpec arg : spec.args()) {
                assertThat(String.join(" ", arg.description())).as(spec.qualifiedName() + " " + arg.paramLabel())
                        .isNotBlank();
            }
        }
    }

    @Test
    void helpShowsTheCommandsDescriptionItsParagraphsAndEachOptionWithItsDefault() {
        Outcome forecastHelp = CliRun.run("forecast", "--help").succeeded();
        assertThat(forecastHelp.err()).as("no picocli warning about the description's per cent signs").isEmpty();
        String forecast = forecastHelp.out().replaceAll("\\s+", " ");
        assertThat(forecast).contains("Forecast breaks per month for the network and each area with 80% and 95% "
                + "intervals under a normal and a 1-in-10 cold winter")
                .contains("--threshold=P Tail probability below which a month is flagged (default 0.01).")
                .contains("--test-years=N Back-test years, the latest complete ones (default 5).");
        String parity = CliRun.run("db", "parity", "--help").succeeded().out();
        assertThat(parity).contains("Compare two stores (DuckDB file, SQLite/libSQL file, remote Turso)")
                .containsPattern("(?m)^Exit 0 when they are the same, 9 when they differ");
        assertThat(CliRun.run("--help").succeeded().out()).contains("Water main break analytics");
        assertThat(CliRun.run("db", "--help").succeeded().out())
                .containsPattern("(?m)^\\s+migrate\\s+Create the store if needed");
    }

    @Test
    void everyCommandTakesTheSameQuietAndProgressSwitchesAndNoOther() {
        List<CommandLine> commands = allCommands();
        assertThat(commands).hasSizeGreaterThan(30);
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            assertThat(command.getCommandSpec().findOption("--no-progress")).as(name).isNotNull();
            assertThat(command.getCommandSpec().findOption("--quiet")).as(name).isNotNull();
            assertThat(command.getCommandSpec().findOption("-q")).as(name)
                    .isSameAs(command.getCommandSpec().findOption("--quiet"));
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String optionName : option.names()) {
                    String lower = optionName.toLowerCase(Locale.ROOT);
                    if (lower.contains("quiet") || lower.contains("progress") || lower.contains("silent")
                            || lower.contains("verbose")) {
                        assertThat(optionName).as(name).isIn("--quiet", "--no-progress");
                    }
                }
            }
        }
    }

    @Test
    void quietPrintsNoStepLinesWhileNoProgressKeepsThemAndTheResultIsAlwaysPrinted() {
        String db = dir.resolve("demo.duckdb").toString();
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.parse(db))) {
            DemoFixture.fill(store, 9);
        }
        Outcome plain = CliRun.run("bi", "refresh", "--db", db, "--no-progress").succeeded();
        assertThat(plain.out()).contains("BI refresh:");

        Outcome quiet = CliRun.run("bi", "refresh", "--db", db, "--quiet").succeeded();
        assertThat(quiet.out()).isEmpty();
        assertThat(CliRun.run("bi", "refresh", "-q", "--db", db).out()).isEmpty();
        Outcome onTheTop = CliRun.run("-q", "bi", "refresh", "--db", db).succeeded();
        assertThat(onTheTop.out()).as("given before the command").isEmpty();

        Outcome info = CliRun.run("db", "info", "--db", db, "-q").succeeded();
        assertThat(info.out()).as("the result asked for").containsPattern("dim_date\\s+[\\d,]+");

        Outcome export = CliRun.run("export", "powerbi", "--quiet", "--out", dir.resolve("pbi").toString(),
                "--db", db).succeeded();
        assertThat(export.out()).doesNotContain("BI refresh:").containsPattern("fct_break\\s+[\\d,]+ rows");
    }

    @Test
    void everyCommandOnTheStoreTakesTheOneDbOptionAndOnlyThreeTakeAnotherDb() {
        List<CommandLine> commands = allCommands();
        OptionSpec theOne = CommandLine.Model.CommandSpec.forAnnotatedObject(new DbOption()).findOption("--db");
        List<String> store = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (CommandLine command : commands) {
            OptionSpec db = command.getCommandSpec().findOption("--db");
            String name = command.getCommandSpec().qualifiedName();
            if (command.getCommand() instanceof StoreCommand) {
                assertThat(db.description()).as(name).isEqualTo(theOne.description());
                assertThat(db.defaultValue()).as(name).isEqualTo("breakwater.duckdb");
                store.add(name);
            } else if (db != null) {
                other.add(name);
            }
        }
        assertThat(store).as("the commands on the store of --db").hasSizeGreaterThan(20)
                .contains("breakwater export table", "breakwater model train", "breakwater forecast");
        // run overrides its config's database, bench features wants a new store, bench backtest peer-data's store
        assertThat(other).containsExactlyInAnyOrder("breakwater run", "breakwater bench features",
                "breakwater bench backtest");
    }

    /** The top-level command and every subcommand below it. */
    private static List<CommandLine> allCommands() {
        List<CommandLine> commands = new ArrayList<>();
        collect(BreakwaterCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                commands);
        return commands;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
