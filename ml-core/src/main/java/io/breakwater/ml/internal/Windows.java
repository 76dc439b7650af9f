package io.breakwater.ml.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.time.YearMonth;

/**
 * The months a model at one as-of cut-off may use. A panel row of month {@code m} carries features known at the end
 * of {@code m} and a label counting breaks in {@code m+1 .. m+H}. With cut-off {@code C} (the first month not known):
 * <ul>
 *   <li>test: the row of month {@code C-1}, whose label window is {@code C .. C+H-1};</li>
 *   <li>validation (calibration): rows of months {@code C-2H .. C-1-H}, label windows ending by {@code C-1}, so they
 *       never overlap the test window;</li>
 *   <li>training: rows up to month {@code C-1-2H}, label windows ending by {@code C-1-H}, before the cut-off and
 *       before the validation block's last labels.</li>
 * </ul>
 *
 * @param cutoff          first month not known
 * @param trainStart      first training month
 * @param trainEnd        last training month
 * @param validationStart first calibration month
 * @param validationEnd   last calibration month
 * @param testMonth       the month scored for the test window
 * @param horizon         H
 */
public record Windows(YearMonth cutoff, YearMonth trainStart, YearMonth trainEnd, YearMonth validationStart,
        YearMonth validationEnd, YearMonth testMonth, int horizon) {

    public static Windows forCutoff(YearMonth cutoff, int horizon, YearMonth panelFirst, YearMonth trainFrom) {
        YearMonth validationEnd = cutoff.minusMonths(1L + horizon);
        YearMonth validationStart = validationEnd.minusMonths(horizon - 1L);
        YearMonth trainEnd = validationStart.minusMonths(1);
        YearMonth trainStart = trainFrom == null || trainFrom.isBefore(panelFirst) ? panelFirst : trainFrom;
        if (trainEnd.isBefore(trainStart)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cut-off " + cutoff + " with horizon "
                    + horizon + " months leaves no training months: training rows must end by " + trainEnd
                    + " (labels end " + horizon + " months later, before the calibration block) but the panel starts "
                    + trainStart + "; choose a later cut-off or test year");
        }
        return new Windows(cutoff, trainStart, trainEnd, validationStart, validationEnd, cutoff.minusMonths(1), horizon);
    }

    /** The month the last training label window ends. */
    public YearMonth trainLabelsEnd() {
        return trainEnd.plusMonths(horizon);
    }
}
