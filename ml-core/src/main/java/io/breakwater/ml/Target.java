package io.breakwater.ml;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.Locale;

/** What a model predicts for an asset over the horizon. */
public enum Target {
    /** The probability of at least one break (label_any). */
    ANY_BREAK("any_break"),
    /** The expected number of breaks (label_breaks), Poisson objective; also gives P(any) = 1 - exp(-expected). */
    BREAK_COUNT("break_count");

    private final String id;

    Target(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Target parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Target v : values()) {
            if (v.id.equals(t) || ("count".equals(t) && v == BREAK_COUNT) || ("any".equals(t) && v == ANY_BREAK)) {
                return v;
            }
        }
        throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                "unknown target '" + text + "': expected any_break or break_count");
    }
}
