package io.breakwater.synth;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.synth.internal.Material;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of the synthetic city's break hazard; docs/synthetic-city.md gives the formula. The expected breaks
 * of pipe {@code i} in month {@code t} are
 * {@code base * km_i * material_i * (8 / diameterInches_i)^diameterExponent * soil_i * age(t) * climate(t) * (1 + E_i(t))},
 * where {@code base} is calibrated so that the network averages {@link #breaksPer100KmYear} before self-excitation.
 *
 * @param breaksPer100KmYear          target level, breaks per 100 km of active main per year (before self-excitation)
 * @param ageDoublingYears            the hazard doubles with every this many years of age
 * @param ageCapYears                 ages beyond this count as this age
 * @param materialFactors             relative rate by city material code (CI, DI, STL, CU, AC, CPP, HDPE, PVC)
 * @param diameterExponent            exponent of (8 in / diameter)
 * @param corrosivityCoefficient      log-rate per unit of soil corrosivity (0..1, centred at 0.5), times the
 *                                    material's exposure (metal 1, cement 0.5, plastic 0.2)
 * @param shrinkSwellCoefficient      log-rate per unit of shrink-swell index (0..1, centred at 0.5), every material
 * @param freezingIndexCoefficient    log-rate per 100 degree-days below 0 °C in the month
 * @param temperatureDropCoefficient  log-rate per °C that the month's mean is below the previous month's
 * @param sharpDropCoefficient        log-rate per day whose mean temperature fell by at least sharpDropThreshold
 * @param sharpDropThreshold          °C of day-to-day fall in mean temperature that counts as a sharp drop
 * @param selfExcitation              added to a pipe's excitation E per break it has
 * @param neighbourExcitation         added to E of each pipe sharing a junction with a pipe that broke, per break
 * @param excitationDecay             monthly factor by which E decays
 * @param excitationCap               E never exceeds this (the multiplier stays at most 1 + cap)
 * @param excitationFloor             E below this after decay becomes exactly 0
 */
public record HazardParameters(
        double breaksPer100KmYear,
        double ageDoublingYears,
        int ageCapYears,
        Map<String, Double> materialFactors,
        double diameterExponent,
        double corrosivityCoefficient,
        double shrinkSwellCoefficient,
        double freezingIndexCoefficient,
        double temperatureDropCoefficient,
        double sharpDropCoefficient,
        double sharpDropThreshold,
        double selfExcitation,
        double neighbourExcitation,
        double excitationDecay,
        double excitationCap,
        double excitationFloor) {

    /** The age (years) at which the age factor is 1. */
    public static final int AGE_REFERENCE_YEARS = 50;

    public HazardParameters {
        positive("breaksPer100KmYear", breaksPer100KmYear);
        positive("ageDoublingYears", ageDoublingYears);
        if (ageCapYears < 1 || ageCapYears > 300) {
            throw invalid("ageCapYears", ageCapYears, "1..300");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Material m : Material.values()) {
            Double f = materialFactors == null ? null : materialFactors.get(m.code());
            if (f == null || !(f > 0)) {
                throw invalid("materialFactors." + m.code(), f, "a positive number for every code CI, DI, STL, CU, AC, CPP, HDPE, PVC");
            }
            copy.put(m.code(), f);
        }
        if (materialFactors.size() != copy.size()) {
            throw invalid("materialFactors", materialFactors.keySet(), "exactly the codes " + copy.keySet());
        }
        materialFactors = Collections.unmodifiableMap(copy);
        finite("diameterExponent", diameterExponent);
        finite("corrosivityCoefficient", corrosivityCoefficient);
        finite("shrinkSwellCoefficient", shrinkSwellCoefficient);
        finite("freezingIndexCoefficient", freezingIndexCoefficient);
        finite("temperatureDropCoefficient", temperatureDropCoefficient);
        finite("sharpDropCoefficient", sharpDropCoefficient);
        positive("sharpDropThreshold", sharpDropThreshold);
        nonNegative("selfExcitation", selfExcitation);
        nonNegative("neighbourExcitation", neighbourExcitation);
        if (!(excitationDecay >= 0 && excitationDecay < 1)) {
            throw invalid("excitationDecay", excitationDecay, "0 <= value < 1");
        }
        nonNegative("excitationCap", excitationCap);
        nonNegative("excitationFloor", excitationFloor);
    }

    /** The documented defaults: about 20 breaks per 100 km per year, cast iron 1, PVC 0.15. */
    public static HazardParameters defaults() {
        Map<String, Double> materials = new LinkedHashMap<>();
        for (Material m : Material.values()) {
            materials.put(m.code(), m.defaultRateFactor());
        }
        return new HazardParameters(20.0, 25.0, 120, materials, 0.8, 1.2, 0.4, 0.5, 0.06, 0.04, 8.0,
                3.0, 0.5, 0.8, 9.0, 0.001);
    }

    /** A copy with another overall level. */
    public HazardParameters withBreaksPer100KmYear(double value) {
        return new HazardParameters(value, ageDoublingYears, ageCapYears, materialFactors, diameterExponent,
                corrosivityCoefficient, shrinkSwellCoefficient, freezingIndexCoefficient, temperatureDropCoefficient,
                sharpDropCoefficient, sharpDropThreshold, selfExcitation, neighbourExcitation, excitationDecay,
                excitationCap, excitationFloor);
    }

    /** A copy with other self-excitation strengths (0 and 0 turn it off). */
    public HazardParameters withExcitation(double self, double neighbour) {
        return new HazardParameters(breaksPer100KmYear, ageDoublingYears, ageCapYears, materialFactors, diameterExponent,
                corrosivityCoefficient, shrinkSwellCoefficient, freezingIndexCoefficient, temperatureDropCoefficient,
                sharpDropCoefficient, sharpDropThreshold, self, neighbour, excitationDecay, excitationCap,
                excitationFloor);
    }

    /** The age factor {@code 2^((min(age, cap) - 50) / doubling)}. */
    public double ageFactor(int ageYears) {
        int age = Math.max(0, Math.min(ageYears, ageCapYears));
        return StrictMath.exp(StrictMath.log(2.0) * (age - AGE_REFERENCE_YEARS) / ageDoublingYears);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw invalid(name, v, "a positive number");
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw invalid(name, v, "a number >= 0");
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw invalid(name, v, "a finite number");
        }
    }

    static BreakwaterException invalid(String name, Object value, String expected) {
        return new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                "synthetic city: " + name + " = " + value + ", expected " + expected);
    }
}
