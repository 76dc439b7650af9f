package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterVersion;
import io.breakwater.db.ErrorCode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code breakwater} command. Its scope is inherited: every subcommand has the standard help options
 * ({@code --help}, {@code --version}) without declaring them.
 */
@Command(name = "breakwater", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = BreakwaterCommand.Version.class, resourceBundle = "io.breakwater.cli.commands",
        subcommands = {DemoCommand.class, RunCommand.class, DbCommand.class, SynthCommand.class, IngestCommand.class, ModelCommand.class, ScoreCommand.class, ForecastCommand.class,
            FeaturesCommand.class, BiCommand.class, ExportCommand.class, ReportCommand.class, BenchCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class BreakwaterCommand implements Runnable {
    private static final Pattern HOLDER = Pattern.compile("lock is held in (.+?) \\(PID (\\d+)\\)");

    @CommandLine.Mixin
    OutputOptions output = new OutputOptions();
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with its writers, so that tests can capture what a user would see. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BreakwaterCommand());
        commandLine.getCommandSpec().usageMessage().exitCodeList(exitCodes());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter w = cl.getErr();
            if (locked(e)) {
                String db = store(parseResult);
                w.println("breakwater: the store " + (db == null ? "" : db + " ") + "is locked by another program"
                        + holder(e) + ": close it (a BI tool such as Power BI Desktop reading it through ODBC, a "
                        + "database browser, another breakwater), or wait, and run again; nothing was changed");
                w.flush();
                return ErrorCode.DATABASE_LOCKED.exitCode();
            }
            if (e instanceof BreakwaterException be) {
                w.println("breakwater: " + oneLine(be.getMessage()));
                w.flush();
                return be.errorCode().exitCode();
            }
            w.println("breakwater: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            w.flush();
            return ErrorCode.INTERNAL.exitCode();
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("breakwater: " + e.getMessage());
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            w.flush();
            return ErrorCode.INVALID_CONFIGURATION.exitCode();
        });
        return commandLine;
    }

    /** The exit codes {@code --help} lists: success, then every {@link ErrorCode} with its meaning. */
    static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(String.format(Locale.ROOT, "%2d", 0), "success");
        for (ErrorCode code : ErrorCode.values()) {
            codes.put(String.format(Locale.ROOT, "%2d", code.exitCode()), code.meaning());
        }
        return codes;
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * Whether {@code e} comes of a store another process holds: SQLite's busy and locked states (a reader's open
     * transaction, a foreign writer), DuckDB's file lock, whatever layer reported them.
     */
    static boolean locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BreakwaterException be && be.errorCode() == ErrorCode.DATABASE_LOCKED) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("sqlite_busy") || m.contains("sqlite_locked") || m.contains("database is locked")
                    || m.contains("database table is locked") || m.contains("could not set lock on file")) {
                return true;
            }
        }
        return false;
    }

    /** " (held by PROGRAM (PID N))" when DuckDB names the process holding its file, else "". */
    static String holder(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = HOLDER.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return " (held by " + m.group(1) + " (PID " + m.group(2) + "))";
            }
        }
        return "";
    }

    /** The {@code --db} value of the command that ran, or {@code null}. */
    private static String store(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--db")) {
                return String.valueOf((Object) r.matchedOptionValue("--db", null));
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The version line of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"breakwater " + BreakwaterVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
