package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite store held by another program's open read transaction: a writer ends with exit 5 and one line. */
class StoreLockTests {
    @TempDir
    Path dir;

    @Test
    void aWriterBlockedByAReadersTransactionExitsWith5NamingTheStore() throws Exception {
        String db = dir.resolve("held.sqlite").toString();
        CliRun.torontoAreas(db).succeeded();
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM areas").close(); // a BI tool's open read transaction
            long t0 = System.nanoTime();
            CliRun.Outcome blocked = CliRun.torontoAreas(db, "--full-refresh");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(blocked.exitCode()).as(blocked.err()).isEqualTo(5);
            assertThat(blocked.err().strip()).startsWith("breakwater: the store " + db + " is locked by another program")
                    .doesNotContain("\n").doesNotContain("bw_stage").doesNotContain("INSERT");
            assertThat(seconds).as("a bounded wait").isLessThan(60);
            reader.rollback();
        }
    }
}
