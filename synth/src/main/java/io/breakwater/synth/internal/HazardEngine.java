package io.breakwater.synth.internal;

import io.breakwater.synth.HazardParameters;

/**
 * Steps the true hazard month by month. The generator and the truth reader run this same code on the same inputs
 * (per-pipe weights, install years, monthly climate factors and the drawn breaks), so the reader reproduces every
 * hazard bit for bit without a file of pipes x months.
 */
public final class HazardEngine {
    private final HazardParameters parameters;
    private final StreetGrid grid;
    private final double[] weight;
    private final int[] installYear;
    private final double[] predecessorWeight;
    private final int[] predecessorInstallYear;
    private final double[] ageFactor;
    private final double[] excitation;
    private final int[] neighbours = new int[6];

    /**
     * @param weight      per pipe, {@code base * km * material * diameter * soil}; 0 for a pipe that never breaks
     * @param installYear per pipe; before this year the pipe's predecessor holds the place, or nothing
     * @param predecessorWeight per pipe, the weight of the main it replaced (0: none, a new street)
     * @param predecessorInstallYear per pipe, the install year of the main it replaced
     */
    public HazardEngine(HazardParameters parameters, StreetGrid grid, double[] weight, int[] installYear,
            double[] predecessorWeight, int[] predecessorInstallYear) {
        this.parameters = parameters;
        this.grid = grid;
        this.weight = weight;
        this.installYear = installYear;
        this.predecessorWeight = predecessorWeight;
        this.predecessorInstallYear = predecessorInstallYear;
        this.ageFactor = new double[parameters.ageCapYears() + 1];
        for (int age = 0; age < ageFactor.length; age++) {
            ageFactor[age] = parameters.ageFactor(age);
        }
        this.excitation = new double[weight.length];
    }

    /** Fills {@code out} with every pipe's expected breaks in a month of {@code year} with this climate factor. */
    public void hazards(int year, double climateFactor, double[] out) {
        int cap = ageFactor.length - 1;
        for (int i = 0; i < weight.length; i++) {
            int age = year - installYear[i];
            if (age >= 0) {
                out[i] = weight[i] == 0.0 ? 0.0
                        : weight[i] * ageFactor[Math.min(age, cap)] * climateFactor * (1.0 + excitation[i]);
            } else if (predecessorWeight[i] != 0.0 && year >= predecessorInstallYear[i]) {
                int predecessorAge = year - predecessorInstallYear[i];
                out[i] = predecessorWeight[i] * ageFactor[Math.min(predecessorAge, cap)] * climateFactor
                        * (1.0 + excitation[i]);
            } else {
                out[i] = 0.0;
            }
        }
    }

    /**
     * Ends the month: decays every excitation, then adds the excitation of this month's breaks.
     *
     * @param pipes  the pipes that broke, in increasing order
     * @param counts their break counts, parallel to {@code pipes}
     * @param n      how many entries are used
     */
    public void advance(int[] pipes, int[] counts, int n) {
        double decay = parameters.excitationDecay();
        double floor = parameters.excitationFloor();
        for (int i = 0; i < excitation.length; i++) {
            double e = excitation[i];
            if (e != 0.0) {
                e *= decay;
                excitation[i] = e < floor ? 0.0 : e;
            }
        }
        double cap = parameters.excitationCap();
        for (int k = 0; k < n; k++) {
            int pipe = pipes[k];
            excitation[pipe] = Math.min(cap, excitation[pipe] + parameters.selfExcitation() * counts[k]);
            int m = grid.neighbours(pipe, neighbours);
            for (int j = 0; j < m; j++) {
                int nb = neighbours[j];
                excitation[nb] = Math.min(cap, excitation[nb] + parameters.neighbourExcitation() * counts[k]);
            }
        }
    }

    /** The static part of a pipe's hazard, before age, climate and excitation. */
    public static double weight(HazardParameters p, double base, double lengthM, Material material, int diameterInches,
            double corrosivity, double shrinkSwell) {
        double diameter = StrictMath.pow(8.0 / diameterInches, p.diameterExponent());
        double soil = StrictMath.exp(p.corrosivityCoefficient() * material.corrosionExposure() * (corrosivity - 0.5)
                + p.shrinkSwellCoefficient() * (shrinkSwell - 0.5));
        return base * (lengthM / 1000.0) * p.materialFactors().get(material.code()) * diameter * soil;
    }
}
