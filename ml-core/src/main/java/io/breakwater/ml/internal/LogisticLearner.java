package io.breakwater.ml.internal;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.HyperParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Logistic regression trained by Tribuo ({@link LinearSGDTrainer} with a logistic loss and AdaGrad). A linear model
 * cannot branch on a missing value, so each column is standardised with its training mean and deviation, a missing
 * value contributes the mean (0 after standardising) and a {@code name.missing} indicator carries the fact that it
 * was missing: missing is never read as a zero of the raw scale. Contributions are weight times standardised value
 * (plus the indicator's weight), exact for a linear model. Classifier only.
 */
public final class LogisticLearner implements Learner {
    static final Label BREAK = new Label("break");
    static final Label NONE = new Label("none");

    @Override
    public FittedModel fit(Matrix x, float[] y, float[] weight, boolean count, HyperParameters hyper, long seed) {
        if (count) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "algorithm logistic predicts a probability only: use target any_break, or xgboost/java_gbm for "
                            + "break_count");
        }
        double[][] stats = stats(x);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("breakwater panel rows", factory), factory);
        for (int r = 0; r < x.rows(); r++) {
            Example<Label> e = example(x, r, stats, y[r] > 0.5f ? BREAK : NONE);
            if (weight != null) {
                e.setWeight(weight[r]);
            }
            data.add(e);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1),
                Math.max(1, hyper.epochs()), -1, 1, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(data);
        return new Fitted(model, stats, x.columns());
    }

    static double[][] stats(Matrix x) {
        double[] mean = new double[x.cols()];
        double[] sd = new double[x.cols()];
        long[] n = new long[x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                float v = x.get(r, c);
                if (!Float.isNaN(v)) {
                    n[c]++;
                    mean[c] += v;
                }
            }
        }
        for (int c = 0; c < x.cols(); c++) {
            mean[c] = n[c] == 0 ? 0 : mean[c] / n[c];
        }
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                float v = x.get(r, c);
                if (!Float.isNaN(v)) {
                    sd[c] += (v - mean[c]) * (v - mean[c]);
                }
            }
        }
        for (int c = 0; c < x.cols(); c++) {
            sd[c] = n[c] < 2 ? 1 : Math.max(1e-9, Math.sqrt(sd[c] / (n[c] - 1)));
        }
        return new double[][] {mean, sd};
    }

    static Example<Label> example(Matrix x, int r, double[][] stats, Label label) {
        List<String> names = new ArrayList<>(x.cols());
        List<Double> values = new ArrayList<>(x.cols());
        for (int c = 0; c < x.cols(); c++) {
            float v = x.get(r, c);
            if (Float.isNaN(v)) {
                names.add(x.columns()[c] + ".missing");
                values.add(1.0);
            } else {
                names.add(x.columns()[c]);
                values.add((v - stats[0][c]) / stats[1][c]);
            }
        }
        double[] vals = new double[values.size()];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = values.get(i);
        }
        return new ArrayExample<>(label, names.toArray(String[]::new), vals);
    }

    /** Reloads bytes written by {@link Fitted#toBytes()}. */
    public static FittedModel load(byte[] bytes, String[] columns) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int cols = in.readInt();
            double[][] stats = new double[2][cols];
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < cols; c++) {
                    stats[i][c] = in.readDouble();
                }
            }
            byte[] proto = in.readAllBytes();
            Model<?> model = Model.deserialize(ModelProto.parseFrom(proto));
            return new Fitted((LinearSGDModel) model, stats, columns);
        } catch (IOException | RuntimeException e) {
            throw new BreakwaterException(ErrorCode.MODEL_INVALID, "Tribuo logistic model does not load: " + e.getMessage(), e);
        }
    }

    private static final class Fitted implements FittedModel {
        private final LinearSGDModel model;
        private final double[][] stats;
        private final String[] columns;
        private final Map<String, Double> weights = new HashMap<>();
        private final double bias;

        Fitted(LinearSGDModel model, double[][] stats, String[] columns) {
            this.model = model;
            this.stats = stats;
            this.columns = columns;
            Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
            Map<String, Double> wb = new HashMap<>();
            Map<String, Double> wn = new HashMap<>();
            top.getOrDefault(BREAK.getLabel(), List.of()).forEach(p -> wb.put(p.getA(), p.getB()));
            top.getOrDefault(NONE.getLabel(), List.of()).forEach(p -> wn.put(p.getA(), p.getB()));
            for (String k : wb.keySet()) {
                weights.put(k, wb.get(k) - wn.getOrDefault(k, 0.0));
            }
            this.bias = weights.getOrDefault(Model.BIAS_FEATURE, 0.0);
        }

        @Override
        public double[] margin(Matrix x) {
            double[] out = new double[x.rows()];
            for (int r = 0; r < x.rows(); r++) {
                Prediction<Label> p = model.predict(example(x, r, stats, NONE));
                double q = p.getOutputScores().get(BREAK.getLabel()).getScore();
                q = Math.min(1 - 1e-12, Math.max(1e-12, q));
                out[r] = Math.log(q / (1 - q));
            }
            return out;
        }

        @Override
        public float[][] contributions(Matrix x) {
            float[][] out = new float[x.rows()][];
            for (int r = 0; r < x.rows(); r++) {
                float[] c = new float[x.cols() + 1];
                for (int j = 0; j < x.cols(); j++) {
                    float v = x.get(r, j);
                    c[j] = (float) (Float.isNaN(v) ? weights.getOrDefault(columns[j] + ".missing", 0.0)
                            : weights.getOrDefault(columns[j], 0.0) * (v - stats[0][j]) / stats[1][j]);
                }
                c[x.cols()] = (float) bias;
                out[r] = c;
            }
            return out;
        }

        @Override
        public byte[] toBytes() {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeInt(stats[0].length);
                for (double[] s : stats) {
                    for (double v : s) {
                        out.writeDouble(v);
                    }
                }
                out.write(model.serialize().toByteArray());
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String provenanceJson() {
            return new JsonProvenanceSerialization(false).marshalAndSerialize(model.getProvenance());
        }
    }
}
