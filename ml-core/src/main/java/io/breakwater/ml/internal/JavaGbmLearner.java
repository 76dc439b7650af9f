package io.breakwater.ml.internal;

import io.breakwater.ml.HyperParameters;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A pure-Java histogram gradient-boosted tree ensemble, the fallback where XGBoost's native library does not load
 * (Linux aarch64, macOS arm64). Like XGBoost it keeps missing values missing: each split learns which side NaN goes
 * to. Logistic and Poisson (log link) objectives. Per-row contributions are path attributions (the change of the
 * node value along the decision path, credited to the split feature; Saabas), which sum exactly to the margin.
 */
public final class JavaGbmLearner implements Learner {
    private static final int BINS = 64;      // bin 0 holds missing values
    private static final double LAMBDA = 1.0;

    @Override
    public FittedModel fit(Matrix x, float[] y, float[] weight, boolean count, HyperParameters hyper, long seed) {
        int n = x.rows();
        int p = x.cols();
        float[][] edges = new float[p][];
        byte[] bins = new byte[n * p];
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < p; c++) {
            edges[c] = edges(x, c, random.split());
            for (int r = 0; r < n; r++) {
                bins[r * p + c] = (byte) bin(edges[c], x.get(r, c));
            }
        }
        double sw = 0;
        double sy = 0;
        for (int r = 0; r < n; r++) {
            double w = weight == null ? 1 : weight[r];
            sw += w;
            sy += w * y[r];
        }
        double mean = Math.max(1e-6, Math.min(1 - 1e-6, sy / sw));
        double base = count ? Math.log(Math.max(1e-6, sy / sw)) : Math.log(mean / (1 - mean));
        double[] f = new double[n];
        Arrays.fill(f, base);
        double[] g = new double[n];
        double[] h = new double[n];
        List<Tree> trees = new ArrayList<>();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int t = 0; t < hyper.trees(); t++) {
            for (int r = 0; r < n; r++) {
                double w = weight == null ? 1 : weight[r];
                if (count) {
                    double mu = Math.exp(Math.min(f[r], 30));
                    g[r] = w * (mu - y[r]);
                    h[r] = w * mu * Math.exp(0.7); // like XGBoost's max_delta_step for Poisson
                } else {
                    double q = 1 / (1 + Math.exp(-f[r]));
                    g[r] = w * (q - y[r]);
                    h[r] = w * Math.max(q * (1 - q), 1e-12);
                }
            }
            int[] sample = subsample(all, hyper.subsample(), random);
            Tree tree = grow(bins, p, sample, g, h, edges, hyper);
            for (int r = 0; r < n; r++) {
                f[r] += tree.predict(x, r);
            }
            trees.add(tree);
        }
        return new Fitted(base, trees.toArray(Tree[]::new), p, hyper);
    }

    private static int[] subsample(int[] all, double rate, SplittableRandom random) {
        if (rate >= 1) {
            return all;
        }
        int[] out = new int[all.length];
        int k = 0;
        for (int i : all) {
            if (random.nextDouble() < rate) {
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static float[] edges(Matrix x, int c, SplittableRandom random) {
        int n = x.rows();
        int sampleSize = Math.min(n, 50_000);
        float[] sample = new float[sampleSize];
        int k = 0;
        for (int i = 0; i < sampleSize; i++) {
            int r = sampleSize == n ? i : random.nextInt(n);
            float v = x.get(r, c);
            if (!Float.isNaN(v)) {
                sample[k++] = v;
            }
        }
        float[] values = Arrays.copyOf(sample, k);
        Arrays.sort(values);
        float[] distinct = new float[BINS - 2];
        int d = 0;
        for (int b = 1; b <= BINS - 2 && k > 0; b++) {
            float q = values[Math.min(k - 1, (int) ((long) b * k / (BINS - 1)))];
            if (d == 0 || q > distinct[d - 1]) {
                distinct[d++] = q;
            }
        }
        return Arrays.copyOf(distinct, d); // value v goes to bin 1 + number of edges < v
    }

    static int bin(float[] edges, float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        int i = Arrays.binarySearch(edges, v); // edges are distinct
        return 1 + (i >= 0 ? i : -i - 1);
    }

    private static Tree grow(byte[] bins, int p, int[] rows, double[] g, double[] h, float[][] edges,
            HyperParameters hyper) {
        Tree tree = new Tree();
        double eta = hyper.learningRate();
        split(tree, bins, p, rows, g, h, edges, hyper, 0, eta);
        return tree.freeze();
    }

    /** Grows the node for {@code rows}; returns its index. */
    private static int split(Tree tree, byte[] bins, int p, int[] rows, double[] g, double[] h, float[][] edges,
            HyperParameters hyper, int depth, double eta) {
        double gs = 0;
        double hs = 0;
        for (int r : rows) {
            gs += g[r];
            hs += h[r];
        }
        double value = -gs / (hs + LAMBDA) * eta;
        int node = tree.add(value);
        if (depth >= hyper.maxDepth() || rows.length < 2 || hs < 2 * hyper.minChildWeight()) {
            return node;
        }
        double parentScore = gs * gs / (hs + LAMBDA);
        double bestGain = 1e-9;
        int bestFeature = -1;
        int bestBin = -1;
        boolean bestMissingLeft = false;
        double[] hg = new double[BINS];
        double[] hh = new double[BINS];
        for (int c = 0; c < p; c++) {
            Arrays.fill(hg, 0);
            Arrays.fill(hh, 0);
            for (int r : rows) {
                int b = bins[r * p + c];
                hg[b] += g[r];
                hh[b] += h[r];
            }
            int top = edges[c].length + 1;
            double gl = 0;
            double hl = 0;
            for (int b = 1; b < top; b++) { // left = bins 1..b
                gl += hg[b];
                hl += hh[b];
                for (int missingLeft = 0; missingLeft < 2; missingLeft++) {
                    double gL = gl + (missingLeft == 1 ? hg[0] : 0);
                    double hL = hl + (missingLeft == 1 ? hh[0] : 0);
                    double gR = gs - gL;
                    double hR = hs - hL;
                    if (hL < hyper.minChildWeight() || hR < hyper.minChildWeight()) {
                        continue;
                    }
                    double gain = gL * gL / (hL + LAMBDA) + gR * gR / (hR + LAMBDA) - parentScore;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = c;
                        bestBin = b;
                        bestMissingLeft = missingLeft == 1;
                    }
                }
            }
        }
        if (bestFeature < 0) {
            return node;
        }
        int[] left = new int[rows.length];
        int[] right = new int[rows.length];
        int nl = 0;
        int nr = 0;
        for (int r : rows) {
            int b = bins[r * p + bestFeature];
            boolean goLeft = b == 0 ? bestMissingLeft : b <= bestBin;
            if (goLeft) {
                left[nl++] = r;
            } else {
                right[nr++] = r;
            }
        }
        float threshold = edges[bestFeature][bestBin - 1]; // left when v <= threshold
        int l = split(tree, bins, p, Arrays.copyOf(left, nl), g, h, edges, hyper, depth + 1, eta);
        int rr = split(tree, bins, p, Arrays.copyOf(right, nr), g, h, edges, hyper, depth + 1, eta);
        tree.setSplit(node, bestFeature, threshold, bestMissingLeft, l, rr);
        return node;
    }

    /** One tree in flat arrays; node 0 is the root; leaves have feature -1. Internal node values are for attribution. */
    static final class Tree {
        int size;
        int[] feature = new int[16];
        float[] threshold = new float[16];
        boolean[] missingLeft = new boolean[16];
        int[] left = new int[16];
        int[] right = new int[16];
        double[] value = new double[16];

        int add(double v) {
            if (size == feature.length) {
                capacity(size * 2);
            }
            feature[size] = -1;
            value[size] = v;
            return size++;
        }

        void setSplit(int node, int f, float t, boolean ml, int l, int r) {
            feature[node] = f;
            threshold[node] = t;
            missingLeft[node] = ml;
            left[node] = l;
            right[node] = r;
        }

        Tree freeze() {
            capacity(size);
            return this;
        }

        /** Grows (or trims) every node array to {@code n} nodes. */
        private void capacity(int n) {
            feature = Arrays.copyOf(feature, n);
            threshold = Arrays.copyOf(threshold, n);
            missingLeft = Arrays.copyOf(missingLeft, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            value = Arrays.copyOf(value, n);
        }

        int next(int node, float v) {
            boolean goLeft = Float.isNaN(v) ? missingLeft[node] : v <= threshold[node];
            return goLeft ? left[node] : right[node];
        }

        double predict(Matrix x, int row) {
            int node = 0;
            while (feature[node] >= 0) {
                node = next(node, x.get(row, feature[node]));
            }
            return value[node];
        }

        /** Adds this tree's path attribution of {@code row} to {@code out}; returns the root value (bias share). */
        double attribute(Matrix x, int row, float[] out) {
            int node = 0;
            while (feature[node] >= 0) {
                int child = next(node, x.get(row, feature[node]));
                out[feature[node]] += (float) (value[child] - value[node]);
                node = child;
            }
            return value[0];
        }
    }

    /** The base margin, the trees, the column count and the hyper-parameters (null when reloaded from bytes). */
    private record Fitted(double base, Tree[] trees, int cols, HyperParameters hyper) implements FittedModel {
        @Override
        public double[] margin(Matrix x) {
            double[] out = new double[x.rows()];
            for (int r = 0; r < x.rows(); r++) {
                double f = base;
                for (Tree t : trees) {
                    f += t.predict(x, r);
                }
                out[r] = f;
            }
            return out;
        }

        @Override
        public float[][] contributions(Matrix x) {
            float[][] out = new float[x.rows()][];
            for (int r = 0; r < x.rows(); r++) {
                float[] c = new float[cols + 1];
                double bias = base;
                for (Tree t : trees) {
                    bias += t.attribute(x, r, c);
                }
                c[cols] = (float) bias;
                out[r] = c;
            }
            return out;
        }

        @Override
        public byte[] toBytes() {
            int bytes = 16;
            for (Tree t : trees) {
                bytes += 4 + t.size * (4 + 4 + 1 + 4 + 4 + 8);
            }
            ByteBuffer b = ByteBuffer.allocate(bytes);
            b.putInt(cols).putInt(trees.length).putDouble(base);
            for (Tree t : trees) {
                b.putInt(t.size);
                for (int i = 0; i < t.size; i++) {
                    b.putInt(t.feature[i]).putFloat(t.threshold[i]).put((byte) (t.missingLeft[i] ? 1 : 0))
                            .putInt(t.left[i]).putInt(t.right[i]).putDouble(t.value[i]);
                }
            }
            return b.array();
        }

        @Override
        public String provenanceJson() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("trainer", "breakwater pure-Java histogram GBM");
            p.put("trees", trees.length);
            p.put("bins", BINS);
            p.put("hyper_parameters", hyper);
            return Json.write(p);
        }
    }

    /** Reloads bytes written by {@link Fitted#toBytes()}. */
    public static FittedModel load(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int cols = b.getInt();
        Tree[] trees = new Tree[b.getInt()];
        double base = b.getDouble();
        for (int k = 0; k < trees.length; k++) {
            Tree t = new Tree();
            int size = b.getInt();
            for (int i = 0; i < size; i++) {
                int node = t.add(0);
                int f = b.getInt();
                float th = b.getFloat();
                boolean ml = b.get() == 1;
                int l = b.getInt();
                int r = b.getInt();
                t.value[node] = b.getDouble();
                if (f >= 0) {
                    t.setSplit(node, f, th, ml, l, r);
                }
            }
            trees[k] = t.freeze();
        }
        return new Fitted(base, trees, cols, null);
    }
}
