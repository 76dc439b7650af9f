package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.synth.tables.SyntheticPanel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.YearMonth;

/** The shared fixture of the command tests: runs the command line as a user would and keeps what they see. */
final class CliRun {
    /** The bundled Toronto sample of this checkout. */
    static final Path SAMPLE = Path.of("..", "sample-data", "toronto").toAbsolutePath().normalize();

    private CliRun() {
    }

    /** What a user sees: exit code, standard output and standard error. */
    record Outcome(int exitCode, String out, String err) {
        /** Asserts that the command succeeded (exit 0), showing its error output when it did not. */
        Outcome succeeded() {
            assertThat(exitCode).as(err).isZero();
            return this;
        }
    }

    /** Runs {@code breakwater ARGS} with captured writers. */
    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BreakwaterCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** {@code breakwater ingest KIND --mapping MAPPING --file FILE --db DB [MORE]}. */
    static Outcome ingest(String kind, Path mapping, Path file, String db, String... more) {
        String[] args = {"ingest", kind, "--mapping", mapping.toString(), "--file", file.toString(), "--db", db};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    /** {@code breakwater ingest KIND} of two files of the Toronto sample: a mapping and its data. */
    static Outcome ingestSample(String kind, String mapping, String file, String db, String... more) {
        return ingest(kind, SAMPLE.resolve(mapping), SAMPLE.resolve(file), db, more);
    }

    /** {@code breakwater ingest areas} of the sample's 140 Toronto neighbourhoods. */
    static Outcome torontoAreas(String db, String... more) {
        return ingestSample("areas", "neighbourhoods-mapping.yaml", "neighbourhoods_140.geojson", db, more);
    }

    /** {@code breakwater model evaluate --db DB --feature-set sim@1 MORE} on a {@link #simulatedStore}. */
    static Outcome evaluateSimulated(String db, String... more) {
        String[] args = {"model", "evaluate", "--db", db, "--feature-set", "sim@1"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    /** A new store at {@code file} whose feature set sim@1 is a simulated city's panel from 2004-01 (synth's SyntheticPanel). */
    static String simulatedStore(Path file, int assets, int years, long seed) {
        String db = file.toString();
        try (BreakwaterStore store = BreakwaterStore.open(db)) {
            SyntheticPanel.generate(assets, YearMonth.of(2004, 1), years, seed).writeTo(store, "sim@1");
        }
        return db;
    }
}
