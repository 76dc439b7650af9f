package io.breakwater.etl.climate;

/**
 * When a month's temperature or precipitation counts as complete: at most {@code maxMissingDays} missing days and
 * at most {@code maxConsecutiveMissing} in a row (the WMO "5 and 3" rule by default, as used for climate normals).
 */
public record CompletenessRule(int maxMissingDays, int maxConsecutiveMissing) {
    /** WMO guidance for monthly means: no more than 5 days missing, no more than 3 consecutive. */
    public static final CompletenessRule WMO = new CompletenessRule(5, 3);
    /** Every day must be observed. */
    public static final CompletenessRule STRICT = new CompletenessRule(0, 0);

    public CompletenessRule {
        if (maxMissingDays < 0 || maxConsecutiveMissing < 0) {
            throw new IllegalArgumentException("completeness limits must be >= 0");
        }
    }

    boolean complete(boolean[] observed) {
        int missing = 0;
        int run = 0;
        int longest = 0;
        for (boolean day : observed) {
            if (day) {
                run = 0;
            } else {
                missing++;
                run++;
                longest = Math.max(longest, run);
            }
        }
        return missing <= maxMissingDays && longest <= maxConsecutiveMissing;
    }
}
