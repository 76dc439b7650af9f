package io.breakwater.ml;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The learners a model can be trained with. */
public enum Algorithm {
    /** Gradient-boosted trees with XGBoost (native); missing values handled natively. The default. */
    XGBOOST("xgboost"),
    /** Logistic regression trained by Tribuo (classifier only). */
    LOGISTIC("logistic"),
    /** Pure-Java histogram gradient-boosted trees: the fallback where XGBoost's native library is missing. */
    JAVA_GBM("java_gbm");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Algorithm parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Algorithm a : values()) {
            if (a.id.equals(t) || a.name().equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "unknown algorithm '" + text + "': expected one of "
                + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", ")));
    }
}
