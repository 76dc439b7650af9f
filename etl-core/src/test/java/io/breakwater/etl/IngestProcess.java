package io.breakwater.etl;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;
import java.nio.file.Path;

/**
 * A small main for the kill test: ingests a break file into a store and prints {@code progress DONE TOTAL} lines,
 * so that the test can kill it halfway. Arguments: database, mapping, file.
 */
public final class IngestProcess {
    private IngestProcess() {
    }

    public static void main(String[] args) {
        ProgressListener printer = new ProgressListener() {
            private long total;

            @Override
            public void started(String step, long totalUnits, String unit) {
                total = totalUnits;
            }

            @Override
            public void progressed(String step, long unitsDone) {
                System.out.println("progress " + unitsDone + " " + total);
                System.out.flush();
            }
        };
        try (BreakwaterStore store = BreakwaterStore.open(args[0])) {
            IngestReport report = Ingest.into(store).withProgress(printer).breaks(Path.of(args[1]), Path.of(args[2]));
            System.out.println("done " + report.summary());
        }
    }
}
