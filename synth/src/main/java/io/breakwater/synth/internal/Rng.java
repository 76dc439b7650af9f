package io.breakwater.synth.internal;

import java.util.SplittableRandom;

/**
 * Seeded random streams. Each part of the city draws from its own stream, named and derived from the city's seed,
 * so that changing a realism knob never changes the break counts. Everything here is specified arithmetic
 * (SplitMix64, Box-Muller with {@link StrictMath}), so the same seed gives the same city on any JVM.
 */
public final class Rng {
    private Rng() {
    }

    /** The SplitMix64 finaliser: a good 64-bit mix of a 64-bit value. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** An independent stream for the part of the city called {@code name}. */
    public static SplittableRandom stream(long seed, String name) {
        return new SplittableRandom(mix(seed ^ mix(name.hashCode() * 0x9E3779B97F4A7C15L)));
    }

    /** A uniform double in [0, 1) from a hash of the given values (stateless, for per-node jitter). */
    public static double hashUnit(long seed, long a, long b) {
        long h = mix(mix(seed ^ 0x632BE59BD9B4E019L) + a * 0x9E3779B97F4A7C15L + b);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A standard normal deviate (Box-Muller, one value per call). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** A Poisson deviate by inversion; fast for the small means of pipe-months. */
    public static int poisson(SplittableRandom rng, double mean) {
        double v = rng.nextDouble();
        if (mean <= 0.0 || v >= mean) {
            return 0; // P(k >= 1) = 1 - exp(-mean) <= mean
        }
        double p = StrictMath.exp(-mean);
        double cumulative = p;
        double u = 1.0 - v; // k = 0 iff u < exp(-mean), i.e. v > 1 - exp(-mean)
        int k = 0;
        while (u >= cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /** Picks an index from cumulative-free weights that sum to about 1. */
    public static int pick(SplittableRandom rng, double[] weights) {
        double u = rng.nextDouble();
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (u < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
