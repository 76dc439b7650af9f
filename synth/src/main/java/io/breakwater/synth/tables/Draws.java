package io.breakwater.synth.tables;

import java.util.SplittableRandom;

/** Random draws of the table generators, whose seeds pin the numbers their tests assert. */
final class Draws {
    private Draws() {
    }

    /** A Poisson deviate by Knuth's product of uniforms (fine for the small means here). */
    static int poisson(SplittableRandom rng, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = rng.nextDouble();
        while (p > l) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    /** A Gamma(shape {@code shape}, scale 1) deviate for a whole shape: a sum of unit exponentials. */
    static double gamma(SplittableRandom rng, int shape) {
        double g = 0;
        for (int k = 0; k < shape; k++) {
            g -= Math.log(1 - rng.nextDouble());
        }
        return g;
    }
}
