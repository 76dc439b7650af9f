package io.breakwater.ml;

import io.breakwater.db.Words;
import java.util.Locale;

/** What a model predicts for an asset over the horizon. */
public enum Target {
    /** The probability of at least one break (label_any). */
    ANY_BREAK,
    /** The expected number of breaks (label_breaks), Poisson objective; also gives P(any) = 1 - exp(-expected). */
    BREAK_COUNT;

    /** The target's word: {@code any_break} or {@code break_count}. */
    public String id() {
        return Words.of(this);
    }

    /** Parses a target's word, or the short {@code any} and {@code count}; an unknown word names the allowed ones. */
    public static Target parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("any")) {
            return ANY_BREAK;
        }
        return t.equals("count") ? BREAK_COUNT : Words.parse(Target.class, Target::id, text, "target");
    }
}
