package io.breakwater.synth.internal;

import java.util.SplittableRandom;

/**
 * Pipe materials of the synthetic city: the city's own code, Breakwater's vocabulary word, the relative break rate
 * and how much the material suffers from corrosive soil (1 metallic, 0.5 cementitious, 0.2 plastic).
 */
public enum Material {
    CI("cast_iron", 1.00, 1.0),
    DI("ductile_iron", 0.35, 1.0),
    STL("steel", 0.60, 1.0),
    CU("copper", 0.50, 1.0),
    AC("asbestos_cement", 0.55, 0.5),
    CPP("concrete", 0.30, 0.5),
    HDPE("polyethylene", 0.25, 0.2),
    PVC("pvc", 0.15, 0.2);

    private static final Material[] VALUES = values();

    private final String vocabulary;
    private final double rateFactor;
    private final double corrosionExposure;

    Material(String vocabulary, double rateFactor, double corrosionExposure) {
        this.vocabulary = vocabulary;
        this.rateFactor = rateFactor;
        this.corrosionExposure = corrosionExposure;
    }

    public String code() {
        return name();
    }

    public String vocabulary() {
        return vocabulary;
    }

    /** Default relative break rate (cast iron = 1); the generator takes its factors from the hazard parameters. */
    public double defaultRateFactor() {
        return rateFactor;
    }

    public double corrosionExposure() {
        return corrosionExposure;
    }

    public static Material of(int ordinal) {
        return VALUES[ordinal];
    }

    public static Material fromCode(String code) {
        return valueOf(code);
    }

    // materials in the order CI, DI, STL, CU, AC, CPP, HDPE, PVC, by installation era
    private static final double[][] ERA_MIX = {
        {0.88, 0.00, 0.05, 0.04, 0.00, 0.03, 0.00, 0.00}, // before 1930
        {0.75, 0.00, 0.06, 0.03, 0.10, 0.06, 0.00, 0.00}, // 1930-1959
        {0.35, 0.20, 0.04, 0.03, 0.32, 0.06, 0.00, 0.00}, // 1960-1974
        {0.00, 0.50, 0.03, 0.00, 0.10, 0.05, 0.04, 0.28}, // 1975-1989
        {0.00, 0.30, 0.02, 0.00, 0.00, 0.03, 0.10, 0.55}, // 1990 and later
    };

    /** Draws the material a pipe laid in {@code installYear} most likely got. */
    public static Material draw(SplittableRandom rng, int installYear) {
        int era = installYear < 1930 ? 0 : installYear < 1960 ? 1 : installYear < 1975 ? 2 : installYear < 1990 ? 3 : 4;
        return VALUES[Rng.pick(rng, ERA_MIX[era])];
    }
}
