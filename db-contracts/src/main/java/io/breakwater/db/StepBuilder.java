package io.breakwater.db;

import java.time.Clock;
import java.util.Objects;

/**
 * What the builders of the long steps share: the clock that stamps what a step writes (default the system clock,
 * UTC; fix it in tests) and the listener told of its progress (default {@link ProgressListener#NONE}). A step's
 * builder extends it with its own type, so {@code clock(..)} and {@code progress(..)} read, default and check the same
 * on every entry point and still chain with the step's own settings:
 *
 * <pre>{@code
 * RiskModels ml = RiskModels.using(store).clock(clock).progress(listener).artifactDirectory(dir).build();
 * }</pre>
 *
 * @param <B> the step's builder, returned by every setter
 */
public abstract class StepBuilder<B extends StepBuilder<B>> {
    private Clock clock = Clock.systemUTC();
    private ProgressListener progress = ProgressListener.NONE;

    protected StepBuilder() {
    }

    /** The clock that stamps what the step writes (default the system clock, UTC). */
    public final B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Receives the step's progress (default {@link ProgressListener#NONE}). */
    public final B progress(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return self();
    }

    /** The clock set so far. */
    public final Clock clock() {
        return clock;
    }

    /** The progress listener set so far. */
    public final ProgressListener progress() {
        return progress;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
