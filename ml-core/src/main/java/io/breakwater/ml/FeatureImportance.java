package io.breakwater.ml;

/**
 * Global importance of one model column: mean absolute contribution on the calibration rows, as a share of the sum.
 *
 * @param feature    column name ({@code material=cast_iron} for a material indicator)
 * @param importance share of total mean |contribution|
 * @param rank       1 = most important
 */
public record FeatureImportance(String feature, double importance, int rank) {
}
