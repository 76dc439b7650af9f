package io.breakwater.etl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.etl.IngestReport;

/** Assertions on ingest reports shared by etl-core's tests. */
public final class IngestAssertions {
    private IngestAssertions() {
    }

    /** The report's rows read, loaded and rejected, each named when it differs. */
    public static void assertRows(IngestReport report, long read, long loaded, long rejected) {
        assertThat(report.rowsRead()).as("rows read").isEqualTo(read);
        assertThat(report.rowsLoaded()).as("rows loaded").isEqualTo(loaded);
        assertThat(report.rowsRejected()).as("rows rejected").isEqualTo(rejected);
    }
}
