package io.breakwater.ml.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;

/**
 * An XGBoost tree ensemble read from XGBoost's own JSON model, for explaining many rows fast: per-row path
 * attributions (Saabas; what XGBoost computes with {@code approx_contribs}). Walking a row down each tree, the change
 * of the node's expected value (the cover-weighted mean of its leaves) from parent to child is credited to the
 * parent's split feature; the root values and the base margin form the bias. The contributions of a row sum to its
 * margin, like TreeSHAP's, at the cost of one root-to-leaf walk per tree instead of TreeSHAP's {@code O(L D^2)}.
 *
 * <p>Splits follow XGBoost: a value goes left when {@code value < threshold}, a missing value (NaN) to the learned
 * default side. Thresholds and leaf values are read as XGBoost wrote them (shortest round-trip decimals of floats).
 */
final class XGBoostPaths {
    private final int columns;
    private final double baseMargin;
    private final Tree[] trees;

    private static final class Tree {
        int[] left;
        int[] right;
        int[] feature;
        float[] threshold;
        boolean[] defaultLeft;
        double[] leafValue;
        /** the child's expected value minus the node's, per child node (0 at the root) */
        double[] delta;
        double rootValue;
    }

    private XGBoostPaths(int columns, double baseMargin, Tree[] trees) {
        this.columns = columns;
        this.baseMargin = baseMargin;
        this.trees = trees;
    }

    /** Reads a model saved with {@code Booster.toByteArray("json")}. */
    static XGBoostPaths fromJson(byte[] json, int columns) {
        JsonNode learner;
        try {
            learner = new ObjectMapper().readTree(json).path("learner");
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "XGBoost JSON model does not parse: " + e.getMessage(),
                    e);
        }
        String objective = learner.path("objective").path("name").asText();
        double baseScore = baseScore(learner.path("learner_model_param").path("base_score").asText("0.5"));
        double baseMargin = switch (objective) {
            case "binary:logistic" -> Math.log(baseScore / (1 - baseScore));
            case "count:poisson" -> Math.log(baseScore);
            default -> throw new BreakwaterException(ErrorCode.MODEL_INVALID, "XGBoost objective '" + objective
                    + "' is not one Breakwater trains (binary:logistic, count:poisson)");
        };
        JsonNode treesJson = learner.path("gradient_booster").path("model").path("trees");
        Tree[] trees = new Tree[treesJson.size()];
        for (int t = 0; t < trees.length; t++) {
            trees[t] = tree(treesJson.get(t), t);
        }
        return new XGBoostPaths(columns, baseMargin, trees);
    }

    /** XGBoost 1.x writes the base score as a number ("5E-1"), 2.x and later as a one-element vector ("[5E-1]"). */
    static double baseScore(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return Double.parseDouble(t);
    }

    private static Tree tree(JsonNode json, int index) {
        JsonNode left = json.path("left_children");
        int n = left.size();
        Tree t = new Tree();
        t.left = new int[n];
        t.right = new int[n];
        t.feature = new int[n];
        t.threshold = new float[n];
        t.defaultLeft = new boolean[n];
        t.leafValue = new double[n];
        t.delta = new double[n];
        double[] cover = new double[n];
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            t.left[i] = left.get(i).asInt();
            t.right[i] = json.path("right_children").get(i).asInt();
            t.feature[i] = json.path("split_indices").get(i).asInt();
            // XGBoost stores a leaf's value in split_conditions
            t.threshold[i] = (float) json.path("split_conditions").get(i).asDouble();
            JsonNode dl = json.path("default_left").get(i);
            t.defaultLeft[i] = dl.isBoolean() ? dl.asBoolean() : dl.asInt() != 0;
            t.leafValue[i] = t.threshold[i];
            cover[i] = json.path("sum_hessian").get(i).asDouble();
            parent[i] = json.path("parents").get(i).asInt();
        }
        if (n == 0 || json.path("right_children").size() != n || json.path("split_conditions").size() != n
                || json.path("sum_hessian").size() != n) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "XGBoost JSON model: tree " + index
                    + " has arrays of different lengths");
        }
        double[] expected = new double[n];
        expectedValue(t, cover, 0, expected);
        t.rootValue = expected[0];
        for (int i = 1; i < n; i++) {
            t.delta[i] = expected[i] - expected[parent[i]];
        }
        return t;
    }

    /** Cover-weighted mean of the leaves under {@code node}, filled bottom-up. */
    private static double expectedValue(Tree t, double[] cover, int node, double[] out) {
        if (t.left[node] < 0) {
            out[node] = t.leafValue[node];
            return out[node];
        }
        double l = expectedValue(t, cover, t.left[node], out);
        double r = expectedValue(t, cover, t.right[node], out);
        double cl = cover[t.left[node]];
        double cr = cover[t.right[node]];
        out[node] = cl + cr > 0 ? (l * cl + r * cr) / (cl + cr) : (l + r) / 2;
        return out[node];
    }

    /** Margin of each row (base margin plus the leaf of every tree), for checking against XGBoost's own. */
    double[] margin(Matrix x) {
        double[] out = new double[x.rows()];
        float[] data = x.data();
        int cols = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            double m = baseMargin;
            int at = r * cols;
            for (Tree t : trees) {
                int node = 0;
                while (t.left[node] >= 0) {
                    node = next(t, node, data[at + t.feature[node]]);
                }
                m += t.leafValue[node];
            }
            out[r] = m;
        }
        return out;
    }

    /** {@code rows x (columns + 1)} path attributions, the last column the bias. */
    float[][] contributions(Matrix x) {
        float[][] out = new float[x.rows()][];
        float[] data = x.data();
        int cols = x.cols();
        double[] c = new double[columns + 1];
        double bias = baseMargin;
        for (Tree t : trees) {
            bias += t.rootValue;
        }
        for (int r = 0; r < x.rows(); r++) {
            java.util.Arrays.fill(c, 0);
            int at = r * cols;
            for (Tree t : trees) {
                int node = 0;
                while (t.left[node] >= 0) {
                    int f = t.feature[node];
                    node = next(t, node, data[at + f]);
                    c[f] += t.delta[node];
                }
            }
            float[] row = new float[columns + 1];
            for (int j = 0; j < columns; j++) {
                row[j] = (float) c[j];
            }
            row[columns] = (float) bias;
            out[r] = row;
        }
        return out;
    }

    private static int next(Tree t, int node, float value) {
        if (Float.isNaN(value)) {
            return t.defaultLeft[node] ? t.left[node] : t.right[node];
        }
        return value < t.threshold[node] ? t.left[node] : t.right[node];
    }
}
