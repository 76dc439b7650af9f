package io.breakwater.db;

/**
 * Receives progress from long steps (ingest, feature build, training, scoring, export). Library code reports through
 * it; the CLI draws progress bars, an embedding program does what it likes. Calls come from the thread running the
 * step.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * A step began.
     *
     * @param step       a short name, e.g. "ingest breaks"
     * @param totalUnits how many units the step will process, or -1 when unknown
     * @param unit       what a unit is, e.g. "rows", "bytes", "months"
     */
    default void started(String step, long totalUnits, String unit) {
    }

    /** The step has processed {@code unitsDone} units so far (monotonic, not a delta). */
    default void progressed(String step, long unitsDone) {
    }

    /** The step ended; {@code summary} is a one-line result for people. */
    default void finished(String step, String summary) {
    }
}
