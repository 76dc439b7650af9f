package io.breakwater.ml;

import io.breakwater.db.Words;

/** The learners a model can be trained with. */
public enum Algorithm {
    /** Gradient-boosted trees with XGBoost (native); missing values handled natively. The default. */
    XGBOOST,
    /** Logistic regression trained by Tribuo (classifier only). */
    LOGISTIC,
    /** Pure-Java histogram gradient-boosted trees: the fallback where XGBoost's native library is missing. */
    JAVA_GBM;

    /** Parses an algorithm's word ({@code java-gbm} too); an unknown word is an error naming the allowed ones. */
    public static Algorithm parse(String text) {
        return Words.parse(Algorithm.class, Algorithm::id, text, "algorithm");
    }

    /** The algorithm's word: {@code xgboost}, {@code logistic}, {@code java_gbm}. */
    public String id() {
        return Words.of(this);
    }
}
