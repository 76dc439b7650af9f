package io.breakwater.forecast.internal;

import io.breakwater.forecast.Method;
import java.util.HashMap;
import java.util.Map;

/** Fitted candidates (null where one cannot be fitted) by method and origin, each fitted once per run (the back-test and anomaly scan share them). */
final class Fits {
    private final BreakHistory history;
    private final Map<String, FittedModel> fitted = new HashMap<>();

    Fits(BreakHistory history) {
        this.history = history;
    }

    FittedModel get(Method method, int origin) {
        String key = method.id() + "@" + origin;
        if (!fitted.containsKey(key)) {
            fitted.put(key, FittedModel.fit(method, history, origin));   // null: not available at this origin
        }
        return fitted.get(key);
    }
}
