package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.cli.CliRun.Outcome;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.StoreLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater forecast}: its refusals, in the domain's words and with the exit codes of --help. */
class ForecastCommandTests {
    @TempDir
    Path dir;

    @Test
    void aHistoryTooShortOrABadThresholdIsRefusedWithItsReason() {
        Path db = dir.resolve("demo.duckdb");
        try (BreakwaterStore store = BreakwaterStore.open(StoreLocation.parse(db.toString()))) {
            DemoFixture.fill(store, 3);   // three years of breaks, 2014-2016
        }
        Outcome shortHistory = CliRun.run("forecast", "--db", db.toString());
        assertThat(shortHistory.exitCode()).isEqualTo(3);
        assertThat(shortHistory.err()).contains("break history 2014-01..2016-12 is too short to forecast")
                .contains("at least 4 complete years");

        Outcome badThreshold = CliRun.run("forecast", "--db", db.toString(), "--threshold", "0.7");
        assertThat(badThreshold.exitCode()).isEqualTo(2);
        assertThat(badThreshold.err()).contains("anomaly threshold 0.7: expected a tail probability above 0");
    }
}
