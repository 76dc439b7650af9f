package io.breakwater.ml.internal;

import io.breakwater.db.ProgressListener;
import io.breakwater.ml.Algorithm;
import io.breakwater.ml.FeatureImportance;
import io.breakwater.ml.Target;
import io.breakwater.ml.TrainingConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains and calibrates one model at one cut-off on an in-memory panel. */
public final class ModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);
    /** Negatives kept per positive when the sample rate is automatic. */
    static final double AUTO_NEGATIVES_PER_POSITIVE = 10;
    /**
     * Training rows above which an automatic sample thins the positives too, at the same negatives-per-positive ratio:
     * a utility of 300,000 pipes has a few million labelled pipe-years a window, and a depth-3 ensemble's ranking
     * stops improving long before that, while its fit time grows with every row.
     */
    static final int AUTO_MAX_TRAINING_ROWS = 1_000_000;
    /**
     * Rows whose exact contributions give a model's global importance (mean |contribution|): 500 rows spread over the
     * validation months pin a share to about a percentage point, and exact TreeSHAP costs as much as training for
     * a few thousand rows.
     */
    static final int IMPORTANCE_ROWS = 500;

    private ModelTrainer() {
    }

    /**
     * A trained model and how it came to be.
     *
     * @param predictor      the calibrated model
     * @param windows        months used
     * @param sampleRate     share of negatives kept
     * @param rows           training rows after sampling
     * @param positives      positives among them
     * @param candidateRows  labelled rows in the training months before sampling
     * @param dataHash       SHA-256 of the training rows
     * @param fingerprint    row counts and hashes, for the registry
     * @param note           a fallback that happened, or null
     * @param importance     global importance
     * @param validationRows calibration rows (panel indices)
     * @param trainSeconds   wall time of the fit
     */
    public record Trained(Predictor predictor, Windows windows, double sampleRate, long rows, long positives,
            long candidateRows, String dataHash, Map<String, Object> fingerprint, String note,
            List<FeatureImportance> importance, int[] validationRows, double trainSeconds) {
    }

    /** The learner that will run for {@code algorithm} here, and a note when it is not the one asked for. */
    public static Map.Entry<Algorithm, String> resolve(Algorithm algorithm) {
        if (algorithm == Algorithm.XGBOOST && !XGBoostLearner.available()) {
            String note = "XGBoost native library not available on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": trained with the pure-Java GBM (java_gbm) instead";
            LOG.warn(note);
            return new java.util.AbstractMap.SimpleImmutableEntry<>(Algorithm.JAVA_GBM, note);
        }
        return new java.util.AbstractMap.SimpleImmutableEntry<>(algorithm, null);
    }

    static Learner learner(Algorithm algorithm) {
        return switch (algorithm) {
            case XGBOOST -> new XGBoostLearner();
            case LOGISTIC -> new LogisticLearner();
            case JAVA_GBM -> new JavaGbmLearner();
        };
    }

    public static Trained train(Panel panel, FeatureSetInfo featureSet, TrainingConfig config, Windows windows,
            ProgressListener progress) {
        boolean count = config.target() == Target.BREAK_COUNT;
        int[] candidates = labelled(panel, windows.trainStart(), windows.trainEnd(), count);
        long candidatePositives = 0;
        for (int r : candidates) {
            candidatePositives += panel.labelAny(r);
        }
        long negatives = candidates.length - candidatePositives;
        SampleRates rates = SampleRates.of(candidatePositives, negatives, config.negativeSampleRate(),
                AUTO_MAX_TRAINING_ROWS);
        double rate = rates.negative();
        double positiveRate = rates.positive();
        int[] sampled = sample(panel, candidates, positiveRate, rate, config.seed());
        if (sampled.length == 0 || candidatePositives == 0) {
            throw new io.breakwater.db.BreakwaterException(io.breakwater.db.ErrorCode.INVALID_INPUT, "feature set "
                    + featureSet.id() + " has " + candidates.length + " labelled rows and " + candidatePositives
                    + " positives in training months " + windows.trainStart() + ".." + windows.trainEnd()
                    + ": nothing to learn from (cut-off " + windows.cutoff() + ")");
        }
        FeatureSchema schema = FeatureSchema.fit(panel, sampled);
        Matrix x = schema.matrix(panel, sampled);
        float[] y = new float[sampled.length];
        float[] w = null;
        long positives = 0;
        for (int i = 0; i < sampled.length; i++) {
            int r = sampled[i];
            y[i] = count ? panel.labelBreaks(r) : panel.labelAny(r);
            positives += panel.labelAny(r) == 1 ? 1 : 0;
        }
        if (count && rate < 1) {
            w = new float[sampled.length];
            for (int i = 0; i < sampled.length; i++) {
                w[i] = (float) (panel.labelAny(sampled[i]) == 1 ? 1 / positiveRate : 1 / rate);
            }
        }
        Map.Entry<Algorithm, String> resolved = resolve(config.algorithm());
        String step = "train " + resolved.getKey().id() + " cut-off " + windows.cutoff();
        progress.started(step, -1, "rows");
        long t0 = System.nanoTime();
        FittedModel fitted = learner(resolved.getKey()).fit(x, y, w, count, config.hyper(), config.seed());
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finished(step, null);
        LOG.info("{}: {} rows ({} positives kept at {}, negatives at {}), {} columns, {} s", step, sampled.length,
                positives, String.format("%.4f", positiveRate), String.format("%.4f", rate), schema.width(),
                String.format("%.1f", seconds));

        int[] validation = labelled(panel, windows.validationStart(), windows.validationEnd(), count);
        Matrix vx = schema.matrix(panel, validation);
        double[] vm = fitted.margin(vx);
        Calibration calibration;
        if (count) {
            float[] vb = new float[validation.length];
            for (int i = 0; i < validation.length; i++) {
                vb[i] = panel.labelBreaks(validation[i]);
            }
            calibration = Calibration.fitCount(vm, vb);
        } else {
            int[] vy = new int[validation.length];
            for (int i = 0; i < validation.length; i++) {
                vy[i] = panel.labelAny(validation[i]);
            }
            calibration = Calibration.fitClassifier(vm, vy, rate);
        }
        List<FeatureImportance> importance = importance(fitted, vx.rows() > 0 ? vx : x, schema);
        String dataHash = hash(panel, sampled, x, y);
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("feature_set_id", featureSet.id());
        fingerprint.put("feature_set_version", featureSet.version());
        fingerprint.put("feature_set_hash", featureSet.definitionHash());
        fingerprint.put("panel_rows", panel.rows());
        fingerprint.put("panel_assets", panel.assetCount());
        fingerprint.put("panel_months", panel.firstMonth() + ".." + panel.lastMonth());
        fingerprint.put("candidate_rows", candidates.length);
        fingerprint.put("candidate_positives", candidatePositives);
        fingerprint.put("training_rows", sampled.length);
        fingerprint.put("training_positives", positives);
        if (positiveRate < 1) {
            fingerprint.put("positive_sample_rate", positiveRate);
        }
        fingerprint.put("validation_rows", validation.length);
        fingerprint.put("columns", Arrays.asList(schema.columnNames()));
        fingerprint.put("training_data_sha256", dataHash);
        Predictor predictor = new Predictor(resolved.getKey().id(), count, schema, fitted, calibration);
        return new Trained(predictor, windows, rate, sampled.length, positives, candidates.length, dataHash,
                fingerprint, resolved.getValue(), importance, validation, seconds);
    }

    /**
     * Models trained on one panel, by feature set, config and windows. A rolling back-test trains the same model more
     * than once: the inner validation of test year Y trains each candidate at the cut-off of year Y - 1, where year
     * Y - 1's own model was trained on the same rows with the same settings and seed. The same inputs give the same
     * model, so it is trained once.
     */
    public static final class Memo {
        private final Panel panel;
        private final Map<List<Object>, Trained> fits = new HashMap<>();

        public Memo(Panel panel) {
            this.panel = panel;
        }

        public Panel panel() {
            return panel;
        }

        /** {@link ModelTrainer#train} on this memo's panel, or the model it already trained for the same inputs. */
        public Trained train(FeatureSetInfo featureSet, TrainingConfig config, Windows windows,
                ProgressListener progress) {
            List<Object> key = List.of(featureSet.id(), config, windows);
            Trained trained = fits.get(key);
            if (trained == null) {
                trained = ModelTrainer.train(panel, featureSet, config, windows, progress);
                fits.put(key, trained);
            }
            return trained;
        }
    }

    /** Rows of the months {@code first..last} whose label window is fully observed. */
    public static int[] labelled(Panel panel, YearMonth first, YearMonth last, boolean count) {
        int[] range = panel.rowRange(first, last);
        int[] out = new int[range[1] - range[0]];
        int k = 0;
        for (int r = range[0]; r < range[1]; r++) {
            if (panel.labelAny(r) >= 0 && (!count || !Float.isNaN(panel.labelBreaks(r)))) {
                out[k++] = r;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Shares of positive and negative training rows kept. */
    record SampleRates(double positive, double negative) {
        /**
         * The configured negative rate keeps every positive. An automatic one (NaN) keeps
         * {@link #AUTO_NEGATIVES_PER_POSITIVE} negatives a positive and, where that would still give more than
         * {@code maxRows} rows, thins both classes alike down to about {@code maxRows}. Count models weight each kept
         * row by one over its class's rate, which keeps the Poisson loss unbiased; the calibration on every validation
         * row corrects what remains.
         */
        static SampleRates of(long positives, long negatives, double configured, int maxRows) {
            if (!Double.isNaN(configured)) {
                return new SampleRates(1.0, configured);
            }
            double rate = negatives == 0 ? 1.0
                    : Math.min(1.0, AUTO_NEGATIVES_PER_POSITIVE * Math.max(1, positives) / negatives);
            double expectedRows = positives + rate * negatives;
            double thin = expectedRows > maxRows ? maxRows / expectedRows : 1.0;
            return new SampleRates(thin, rate * thin);
        }
    }

    /**
     * Keeps each positive with probability {@code positiveRate} and each negative with probability {@code rate},
     * decided by seed, asset and month (independently for the two classes).
     */
    static int[] sample(Panel panel, int[] rows, double positiveRate, double rate, long seed) {
        if (rate >= 1 && positiveRate >= 1) {
            return rows;
        }
        int[] out = new int[rows.length];
        int k = 0;
        for (int r : rows) {
            boolean positive = panel.labelAny(r) == 1;
            double keep = positive ? positiveRate : rate;
            YearMonth m = panel.month(panel.monthOfRow(r));
            if (keep >= 1 || Hashing.uniform(positive ? ~seed : seed, panel.assetId(r),
                    m.getYear() * 12 + m.getMonthValue()) < keep) {
                out[k++] = r;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * Global importance: each column's share of the mean absolute exact contribution (TreeSHAP for XGBoost) over at
     * most {@link #IMPORTANCE_ROWS} rows taken at an even stride (the rows are ordered by month, so a prefix would be
     * one month only). Exact TreeSHAP costs {@code O(leaves x depth^2)} per tree and row, so a sample it is.
     */
    static List<FeatureImportance> importance(FittedModel fitted, Matrix x, FeatureSchema schema) {
        float[][] c = fitted.contributions(x.spread(IMPORTANCE_ROWS));
        double[] sum = new double[schema.width()];
        double total = 0;
        for (float[] row : c) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += Math.abs(row[j]);
                total += Math.abs(row[j]);
            }
        }
        String[] names = schema.columnNames();
        Integer[] order = new Integer[sum.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -sum[j]).thenComparing(j -> names[j]));
        List<FeatureImportance> out = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            int j = order[k];
            out.add(new FeatureImportance(names[j], total > 0 ? sum[j] / total : 0, k + 1));
        }
        return out;
    }

    static String hash(Panel panel, int[] rows, Matrix x, float[] y) {
        MessageDigest d = Hashing.sha256();
        for (String c : x.columns()) {
            d.update(c.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * x.cols() + 4);
        for (int i = 0; i < rows.length; i++) {
            d.update(panel.assetId(rows[i]).getBytes(StandardCharsets.UTF_8));
            b.clear();
            b.putInt(panel.monthOfRow(rows[i])).putInt(panel.firstMonth().getYear() * 12 + panel.firstMonth().getMonthValue());
            for (int c = 0; c < x.cols(); c++) {
                b.putFloat(x.get(i, c));
            }
            b.putFloat(y[i]);
            d.update(b.array(), 0, b.position());
        }
        return Hashing.hex(d.digest());
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
