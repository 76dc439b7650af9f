package io.breakwater.etl.climate.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** The units climate values are written in, and how each becomes degC (temperatures) or mm (depths). */
final class ClimateUnits {
    /** A unit: its name as written in docs and how a raw value becomes degC (temperatures) or mm (depths). */
    record Unit(String name, DoubleUnaryOperator toCanonical) {
        double canonical(double value) {
            return toCanonical.applyAsDouble(value);
        }
    }

    static final Unit DEG_F = new Unit("degF", v -> (v - 32) * 5 / 9);
    static final Unit INCH = new Unit("in", v -> v * 25.4);
    private static final Map<String, Unit> TEMPERATURE = new LinkedHashMap<>();
    private static final Map<String, Unit> DEPTH = new LinkedHashMap<>();

    static {
        put(TEMPERATURE, new Unit("degC", v -> v), "degc", "\u00b0c", "c", "celsius");
        put(TEMPERATURE, DEG_F, "degf", "\u00b0f", "f", "fahrenheit");
        put(TEMPERATURE, new Unit("tenths-degC", v -> v / 10), "tenths-degc", "0.1degc");
        put(DEPTH, new Unit("mm", v -> v), "mm");
        put(DEPTH, new Unit("cm", v -> v * 10), "cm");
        put(DEPTH, INCH, "in", "inch", "inches");
        put(DEPTH, new Unit("tenths-mm", v -> v / 10), "tenths-mm", "0.1mm");
    }

    private ClimateUnits() {
    }

    private static void put(Map<String, Unit> units, Unit unit, String... aliases) {
        for (String alias : aliases) {
            units.put(alias, unit);
        }
    }

    /** The temperature (or depth) unit {@code text} names, blanks and case aside, or {@code null}. */
    static Unit of(boolean temperature, String text) {
        return (temperature ? TEMPERATURE : DEPTH).get(text.strip().replace(" ", "").toLowerCase(Locale.ROOT));
    }

    /** The unit names, for messages. */
    static List<String> names(boolean temperature) {
        return (temperature ? TEMPERATURE : DEPTH).values().stream().map(Unit::name).distinct().toList();
    }
}
