package io.breakwater.turso;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ProgressListener;

/**
 * Test helper run as a separate process: publishes a store to a remote with small batches and prints a line after
 * every committed batch, so that the test can kill it halfway.
 */
public final class PublishChild {
    private PublishChild() {
    }

    public static void main(String[] args) {
        try (BreakwaterStore store = BreakwaterStore.openExisting(args[0])) {
            TursoClient remote = TursoClient.builder(args[1]).build();
            Publish.builder(store, remote).batchRows(Integer.parseInt(args[2])).progress(new ProgressListener() {
                @Override
                public void progressed(String step, long unitsDone) {
                    System.out.println("progress " + step + " " + unitsDone);
                    System.out.flush();
                }
            }).build().run();
            System.out.println("done");
        }
    }
}
