package io.breakwater.forecast;

/**
 * One forecasting candidate of a run and what became of it: {@code status} "chosen", "back-tested" (it lost) or
 * "skipped" (it could not be back-tested over every test year or forecast from the run's origin), with the reason in
 * words (the pooled area-month log scores that decided, or why it was skipped).
 */
public record Candidate(String method, String status, String reason) {
    public static final String CHOSEN = "chosen";
    public static final String BACKTESTED = "back-tested";
    public static final String SKIPPED = "skipped";
}
