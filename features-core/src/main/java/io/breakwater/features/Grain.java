package io.breakwater.features;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.Locale;

/**
 * The asset of the panel: a pipe of the inventory, an area polygon, or a square grid cell of {@code cellSizeM} metres
 * over the service area.
 *
 * @param kind      pipe, area or grid
 * @param cellSizeM the side of a grid cell in metres; 0 unless {@code kind} is {@link Kind#GRID}
 */
public record Grain(Kind kind, int cellSizeM) {

    /** The kinds of asset. */
    public enum Kind {
        PIPE, AREA, GRID
    }

    public Grain {
        if (kind == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "grain: kind is missing");
        }
        if (kind == Kind.GRID && (cellSizeM < 10 || cellSizeM > 100_000)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "grain grid:" + cellSizeM + ": cell size must be between 10 and 100000 metres");
        }
        if (kind != Kind.GRID && cellSizeM != 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "grain " + kind.name().toLowerCase(Locale.ROOT) + " takes no cell size");
        }
    }

    public static Grain pipe() {
        return new Grain(Kind.PIPE, 0);
    }

    public static Grain area() {
        return new Grain(Kind.AREA, 0);
    }

    public static Grain grid(int cellSizeM) {
        return new Grain(Kind.GRID, cellSizeM);
    }

    /** Parses {@code pipe}, {@code area} or {@code grid:SIZE} (metres). */
    public static Grain parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("pipe")) {
            return pipe();
        }
        if (t.equals("area")) {
            return area();
        }
        if (t.startsWith("grid:")) {
            String size = t.substring("grid:".length());
            try {
                return grid(Integer.parseInt(size));
            } catch (NumberFormatException e) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "grain '" + text + "': cell size '" + size + "' is not a whole number of metres (e.g. grid:500)");
            }
        }
        throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                "grain '" + text + "': expected pipe, area or grid:SIZE (SIZE in metres, e.g. grid:500)");
    }

    /** The grain as stored in {@code feature_sets.grain}: {@code pipe}, {@code area} or {@code grid:SIZE}. */
    public String id() {
        return kind == Kind.GRID ? "grid:" + cellSizeM : kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
