package io.breakwater.ml;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.time.YearMonth;
import java.util.Objects;

/**
 * How to train a model on a feature set. Build with {@link #of(String)} and the {@code with...} methods; every value
 * is checked on construction.
 *
 * @param featureSetId       {@code feature_sets.feature_set_id}
 * @param name               a name for the registry (defaults to the algorithm and target)
 * @param algorithm          the learner; XGBoost falls back to {@link Algorithm#JAVA_GBM} when its native library is
 *                           missing (logged and recorded in {@code trainer_note})
 * @param target             probability of any break, or expected count
 * @param hyper              learner knobs
 * @param seed               every random choice (negative sampling, subsampling, tie breaks) derives from it
 * @param negativeSampleRate share of label-0 training rows kept (all positives are kept); NaN picks a rate that
 *                           keeps about 10 negatives per positive. Count models keep every row by default and weight
 *                           sampled rows by 1/rate.
 * @param cutoff             as-of month: nothing at or after it is seen in training. Null for the latest possible
 * @param trainFrom          first feature month used in training, or null for the panel's first
 */
public record TrainingConfig(String featureSetId, String name, Algorithm algorithm, Target target,
        HyperParameters hyper, long seed, double negativeSampleRate, YearMonth cutoff, YearMonth trainFrom) {

    public TrainingConfig {
        if (featureSetId == null || featureSetId.isBlank()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "feature set id is empty");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(hyper, "hyper");
        if (!Double.isNaN(negativeSampleRate) && (negativeSampleRate <= 0 || negativeSampleRate > 1)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "negative sample rate " + negativeSampleRate
                    + " is out of range: expected a share in (0, 1], or auto");
        }
        if (algorithm == Algorithm.LOGISTIC && target == Target.BREAK_COUNT) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "algorithm logistic predicts a probability only: use target any_break, or xgboost/java_gbm for "
                            + "break_count");
        }
        if (name == null || name.isBlank()) {
            name = algorithm.id() + "-" + target.id();
        }
    }

    /** XGBoost, any-break target, default hyper-parameters, seed 42, automatic negative sampling, latest cut-off. */
    public static TrainingConfig of(String featureSetId) {
        return new TrainingConfig(featureSetId, null, Algorithm.XGBOOST, Target.ANY_BREAK, HyperParameters.defaults(),
                42L, Double.NaN, null, null);
    }

    public TrainingConfig withName(String n) {
        return new TrainingConfig(featureSetId, n, algorithm, target, hyper, seed, negativeSampleRate, cutoff, trainFrom);
    }

    public TrainingConfig withAlgorithm(Algorithm a) {
        return new TrainingConfig(featureSetId, a.id() + "-" + target.id(), a, target, hyper, seed, negativeSampleRate,
                cutoff, trainFrom);
    }

    public TrainingConfig withTarget(Target t) {
        return new TrainingConfig(featureSetId, algorithm.id() + "-" + t.id(), algorithm, t, hyper, seed,
                negativeSampleRate, cutoff, trainFrom);
    }

    public TrainingConfig withHyper(HyperParameters h) {
        return new TrainingConfig(featureSetId, name, algorithm, target, h, seed, negativeSampleRate, cutoff, trainFrom);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(featureSetId, name, algorithm, target, hyper, s, negativeSampleRate, cutoff, trainFrom);
    }

    public TrainingConfig withNegativeSampleRate(double r) {
        return new TrainingConfig(featureSetId, name, algorithm, target, hyper, seed, r, cutoff, trainFrom);
    }

    public TrainingConfig withCutoff(YearMonth c) {
        return new TrainingConfig(featureSetId, name, algorithm, target, hyper, seed, negativeSampleRate, c, trainFrom);
    }

    public TrainingConfig withTrainFrom(YearMonth f) {
        return new TrainingConfig(featureSetId, name, algorithm, target, hyper, seed, negativeSampleRate, cutoff, f);
    }
}
