package io.breakwater.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Process entry point of the {@code breakwater} command: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(BreakwaterCommand.execute(out, err, args));
    }
}
