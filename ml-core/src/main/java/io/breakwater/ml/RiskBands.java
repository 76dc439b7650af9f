package io.breakwater.ml;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Risk classes by position in the asset ranking. A band {@code NAME:P} holds the assets within the top {@code 100 - P}
 * percent that no higher band took; the last band should start at 0 (a {@code low:0} band is added otherwise).
 *
 * @param bands highest first
 */
public record RiskBands(List<Band> bands) {

    /** A class name and the lowest percentile that belongs to it. */
    public record Band(String name, double minPercentile) {
    }

    public RiskBands {
        if (bands == null || bands.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "risk bands are empty");
        }
        List<Band> sorted = new ArrayList<>(bands);
        sorted.sort(Comparator.comparingDouble(Band::minPercentile).reversed());
        if (sorted.get(sorted.size() - 1).minPercentile() > 0) {
            sorted.add(new Band("low", 0));
        }
        bands = List.copyOf(sorted);
    }

    /** very_high: top 1 %, high: next 4 %, elevated: next 15 %, moderate: next 30 %, low: the rest. */
    public static RiskBands defaults() {
        return new RiskBands(List.of(new Band("very_high", 99), new Band("high", 95), new Band("elevated", 80),
                new Band("moderate", 50), new Band("low", 0)));
    }

    /** Parses {@code very_high:99,high:95,low:0}. */
    public static RiskBands parse(String text) {
        List<Band> bands = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            try {
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new NumberFormatException();
                }
                double p = Double.parseDouble(kv[1].trim());
                if (p < 0 || p > 100) {
                    throw new NumberFormatException();
                }
                bands.add(new Band(kv[0].trim(), p));
            } catch (NumberFormatException e) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "risk band '" + part.trim()
                        + "' is not NAME:MIN_PERCENTILE with a percentile in 0..100 (e.g. very_high:99,high:95,low:0)");
            }
        }
        return new RiskBands(bands);
    }

    /**
     * The class of the asset ranked {@code rank} (1 = riskiest) of {@code n}: a band with minimum percentile p takes
     * the assets whose rank lies within the top (100 - p) % (so 'very_high:99' is exactly the top 1 %, rounded down).
     */
    public String classify(int rank, int n) {
        double topShare = (double) rank / n;
        for (Band b : bands) {
            if (topShare <= (100 - b.minPercentile()) / 100.0 + 1e-12) {
                return b.name();
            }
        }
        return bands.get(bands.size() - 1).name();
    }

    /** The class of a percentile (100 = riskiest). */
    public String classify(double percentile) {
        for (Band b : bands) {
            if (percentile >= b.minPercentile()) {
                return b.name();
            }
        }
        return bands.get(bands.size() - 1).name();
    }
}
