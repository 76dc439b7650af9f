package io.breakwater.ml.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.HyperParameters;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient-boosted trees with XGBoost (xgboost4j's Java API over its native library), fed a dense
 * float matrix with NaN as XGBoost's missing value, so missing values take the learned default branch. Tribuo's own
 * XGBoost trainer boxes every value into an {@code ArrayList<Float>} while converting a dataset, which needs far more
 * than 8 GB for 5 million rows; this path builds the DMatrix straight from a float array.
 */
public final class XGBoostLearner implements Learner {
    private static final Logger LOG = LoggerFactory.getLogger(XGBoostLearner.class);
    private static final int CHUNK = 200_000;
    /** The xgboost4j release on the class path, as its jar states it. */
    static final String VERSION = version();
    private static volatile Boolean available;

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = XGBoost.class.getClassLoader().getResourceAsStream("xgboost4j-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.debug("xgboost4j's version file does not read", e);
        }
        return p.getProperty("version", "unknown");
    }

    /** True when XGBoost's native library loads on this machine. */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                DMatrix probe = new DMatrix(new float[] {1f, Float.NaN}, 1, 2, Float.NaN);
                probe.dispose();
                a = true;
            } catch (Throwable e) {
                LOG.warn("XGBoost's native library does not load on this machine ({}: {})", e.getClass().getSimpleName(),
                        e.getMessage());
                a = false;
            }
            available = a;
        }
        return a;
    }

    @Override
    public FittedModel fit(Matrix x, float[] y, float[] weight, boolean count, HyperParameters hyper, long seed) {
        Map<String, Object> params = params(count, hyper, seed);
        if (oneClass(y, count)) {
            // XGBoost 2 and later start from the labels' mean, which is 0 or 1 when every row is alike: an infinite
            // margin. Start where XGBoost 1.x always did.
            params.put("base_score", 0.5);
        }
        DMatrix train = null;
        try {
            train = dmatrix(x);
            train.setLabel(y);
            if (weight != null) {
                train.setWeight(weight);
            }
            Booster booster = XGBoost.train(train, params, hyper.trees(), new HashMap<>(), null, null);
            return new Fitted(booster, params, x.cols());
        } catch (XGBoostError e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
        }
    }

    /** True when every label says the same: all without a break, or (classifiers) all with one. */
    static boolean oneClass(float[] y, boolean count) {
        boolean anyZero = false;
        boolean anyPositive = false;
        for (float v : y) {
            anyZero |= v == 0;
            anyPositive |= v > 0;
        }
        return !anyPositive || (!count && !anyZero);
    }

    static Map<String, Object> params(boolean count, HyperParameters hyper, long seed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", count ? "count:poisson" : "binary:logistic");
        params.put("eta", hyper.learningRate());
        params.put("max_depth", hyper.maxDepth());
        params.put("min_child_weight", hyper.minChildWeight());
        params.put("subsample", hyper.subsample());
        params.put("colsample_bytree", hyper.colsample());
        params.put("lambda", 1.0);
        params.put("tree_method", "hist");
        params.put("max_bin", 128);
        params.put("nthread", hyper.threads());
        params.put("seed", (int) (seed ^ (seed >>> 32)));
        params.put("verbosity", 0);
        return params;
    }

    static DMatrix dmatrix(Matrix x) throws XGBoostError {
        return new DMatrix(x.data(), x.rows(), x.cols(), Float.NaN);
    }

    /** Reloads a booster saved by {@link Fitted#toBytes()}. */
    public static FittedModel load(byte[] bytes, int columns) {
        if (bytes.length >= 4 && bytes[0] == 'b' && bytes[1] == 'i' && bytes[2] == 'n' && bytes[3] == 'f') {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "the XGBoost model was saved in XGBoost 1.x's "
                    + "binary format, which xgboost4j " + VERSION + " no longer reads: train the model again");
        }
        try {
            return new Fitted(XGBoost.loadModel(bytes), Map.of(), columns);
        } catch (XGBoostError | IOException e) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "XGBoost model bytes do not load: " + e.getMessage(), e);
        }
    }

    /** The trees of an XGBoost model as plain arrays (for tests). */
    static XGBoostPaths paths(FittedModel model) {
        return ((Fitted) model).paths();
    }

    /** What is done with one chunk of rows, starting at row {@code from}. */
    @FunctionalInterface
    private interface ChunkWork {
        void accept(DMatrix chunk, int from) throws XGBoostError;
    }

    private static final class Fitted implements FittedModel {
        private final Booster booster;
        private final Map<String, Object> params;
        private final int columns;
        private volatile XGBoostPaths paths;

        Fitted(Booster booster, Map<String, Object> params, int columns) {
            this.booster = booster;
            this.params = params;
            this.columns = columns;
        }

        @Override
        public double[] margin(Matrix x) {
            double[] out = new double[x.rows()];
            inChunks(x, "prediction", (d, from) -> {
                float[][] p = booster.predict(d, true);
                for (int i = 0; i < p.length; i++) {
                    out[from + i] = p[i][0];
                }
            });
            return out;
        }

        @Override
        public float[][] contributions(Matrix x) {
            float[][] out = new float[x.rows()][];
            inChunks(x, "contributions", (d, from) -> {
                float[][] c = booster.predictContrib(d, 0);
                System.arraycopy(c, 0, out, from, c.length);
            });
            return out;
        }

        /** Runs {@code work} on the rows in DMatrix chunks of {@link #CHUNK} rows, each freed after use. */
        private void inChunks(Matrix x, String what, ChunkWork work) {
            for (int from = 0; from < x.rows(); from += CHUNK) {
                int to = Math.min(x.rows(), from + CHUNK);
                Matrix part = from == 0 && to == x.rows() ? x : x.slice(from, to);
                DMatrix d = null;
                try {
                    d = dmatrix(part);
                    work.accept(d, from);
                } catch (XGBoostError e) {
                    throw new BreakwaterException(ErrorCode.INTERNAL, "XGBoost " + what + " failed: " + e.getMessage(),
                            e);
                } finally {
                    if (d != null) {
                        d.dispose();
                    }
                }
            }
        }

        @Override
        public float[][] driverContributions(Matrix x) {
            return paths().contributions(x);
        }

        /** The trees as plain arrays, read once from XGBoost's JSON model. */
        XGBoostPaths paths() {
            XGBoostPaths p = paths;
            if (p == null) {
                try {
                    p = XGBoostPaths.fromJson(booster.toByteArray("json"), columns);
                } catch (XGBoostError e) {
                    throw new BreakwaterException(ErrorCode.INTERNAL, "XGBoost model cannot be written as JSON: "
                            + e.getMessage(), e);
                }
                paths = p;
            }
            return p;
        }

        @Override
        public byte[] toBytes() {
            try {
                return booster.toByteArray();
            } catch (XGBoostError e) {
                throw new BreakwaterException(ErrorCode.INTERNAL, "XGBoost model cannot be saved: " + e.getMessage(), e);
            }
        }

        @Override
        public String provenanceJson() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("trainer", "xgboost4j " + VERSION + " (native)");
            p.put("parameters", params);
            p.put("columns", columns);
            return Json.write(p);
        }
    }
}
