package io.breakwater.ml;

import java.util.List;
import java.util.Locale;

/**
 * The model against the strongest baseline on the headline metric. The headline follows the grain: the share of a
 * year's breaks in the riskiest 5 % of network length ({@code break_share_top_5pct_length}) at pipe grain where
 * lengths exist, else the share in the riskiest 10 % of assets ({@code break_share_top_10pct_assets}). The strongest
 * baseline is the baseline with the highest mean of the headline over the test years.
 *
 * @param headlineMetric    metric compared
 * @param strongestBaseline baseline scorer name
 * @param years             per test year
 * @param meanModel         the model's mean over test years
 * @param meanBaseline      the baseline's mean over test years
 * @param meanDifference    mean of the per-year differences (model - baseline)
 * @param differenceSd      sample standard deviation of the per-year differences (NaN with one year)
 * @param yearsAhead        test years in which the model is ahead
 * @param pooledModel       the model pooled over the test years
 * @param pooledBaseline    the baseline pooled over the test years
 */
public record BaselineComparison(String headlineMetric, String strongestBaseline, List<Year> years, double meanModel,
        double meanBaseline, double meanDifference, double differenceSd, int yearsAhead, double pooledModel,
        double pooledBaseline) {

    public BaselineComparison {
        years = List.copyOf(years);
    }

    /** One test year. */
    public record Year(int year, double model, double baseline) {
        public double difference() {
            return model - baseline;
        }
    }

    /** True when the model's mean of years is above the strongest baseline's. */
    public boolean modelAhead() {
        return meanDifference > 0;
    }

    /** One plain sentence: who is ahead, by how much, in how many years, and pooled. */
    public String statement() {
        String who = meanDifference > 0 ? "the model is ahead of" : meanDifference < 0 ? "the model is behind"
                : "the model is level with";
        return String.format(Locale.ROOT, "%s the strongest baseline %s on %s: %.3f against %.3f as a mean of %d "
                        + "years (difference %+.3f, sd %.3f), ahead in %d of %d years; pooled %.3f against %.3f (%+.3f)",
                who, strongestBaseline, headlineMetric, meanModel, meanBaseline, years.size(), meanDifference,
                differenceSd, yearsAhead, years.size(), pooledModel, pooledBaseline, pooledModel - pooledBaseline);
    }

    /** One line per test year: model, baseline, difference. */
    public List<String> yearLines() {
        return years.stream().map(y -> String.format(Locale.ROOT, "%d: model %.3f, %s %.3f, difference %+.3f (%s)",
                y.year(), y.model(), strongestBaseline, y.baseline(), y.difference(),
                y.difference() > 0 ? "model ahead" : y.difference() < 0 ? "baseline ahead" : "level")).toList();
    }
}
