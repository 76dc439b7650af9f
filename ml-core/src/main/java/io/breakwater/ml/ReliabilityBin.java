package io.breakwater.ml;

/**
 * One bin of a reliability table (bins of equal asset count by predicted probability).
 *
 * @param bin           1 = lowest predicted
 * @param assets        assets in the bin
 * @param meanPredicted mean calibrated probability
 * @param observedRate  share of the bin's assets that broke in the horizon
 * @param minPredicted  lowest probability in the bin
 * @param maxPredicted  highest probability in the bin
 */
public record ReliabilityBin(int bin, long assets, double meanPredicted, double observedRate, double minPredicted,
        double maxPredicted) {
}
