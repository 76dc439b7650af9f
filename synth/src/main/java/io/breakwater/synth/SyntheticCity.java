package io.breakwater.synth;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.synth.internal.CityGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A synthetic city with a known break hazard, configured by a builder and immutable. {@link #writeTo} writes its raw
 * files (pipes, areas, soil zones, climate, breaks) with a source mapping for each, the true hazard, and a manifest
 * {@code city.json}; the same configuration always writes the same bytes.
 *
 * <pre>{@code
 * CityResult city = SyntheticCity.builder().pipes(2_000).years(10).seed(42).build().writeTo(dir);
 * try (CityTruth truth = CityTruth.open(dir)) { ... }
 * }</pre>
 *
 * @param pipes          pipe segments, 4 to {@value #MAX_PIPES}
 * @param years          years of history, 1 to {@value #MAX_YEARS}
 * @param firstYear      the first simulated year, from 1900, the last at most 2200
 * @param seed           the seed of every draw
 * @param hazard         the true hazard
 * @param knobs          the realism problems written into the raw files
 * @param fullTruthLimit pipe-months up to which {@code truth.csv.gz} (every pipe, every month) is written beside the
 *                       compact truth (0 never)
 */
public record SyntheticCity(int pipes, int years, int firstYear, long seed, HazardParameters hazard, RealismKnobs knobs,
        long fullTruthLimit) {
    /** The largest city the generator accepts. */
    public static final int MAX_PIPES = 5_000_000;
    /** The longest history the generator accepts. */
    public static final int MAX_YEARS = 100;

    /** Checks every setting against its range: {@link Builder#build()} comes here. */
    public SyntheticCity {
        if (pipes < 4 || pipes > MAX_PIPES) {
            throw HazardParameters.invalid("pipes", pipes, "4 to " + MAX_PIPES);
        }
        if (years < 1 || years > MAX_YEARS) {
            throw HazardParameters.invalid("years", years, "1 to " + MAX_YEARS);
        }
        if (firstYear < 1900 || firstYear + years - 1 > 2200) {
            throw HazardParameters.invalid("firstYear", firstYear, "a year from 1900 whose last simulated year is at "
                    + "most 2200");
        }
        if (fullTruthLimit < 0) {
            throw HazardParameters.invalid("fullTruthLimit", fullTruthLimit, "a number >= 0");
        }
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(knobs, "knobs");
    }

    public static Builder builder() {
        return new Builder();
    }

    public int lastYear() {
        return firstYear + years - 1;
    }

    /** Writes the city into {@code dir} (created when missing; files of an earlier city there are replaced). */
    public CityResult writeTo(Path dir) {
        return writeTo(dir, ProgressListener.NONE);
    }

    /** Writes the city into {@code dir}, reporting progress by pipes and by months. */
    public CityResult writeTo(Path dir, ProgressListener progress) {
        Objects.requireNonNull(dir, "dir");
        try {
            return new CityGenerator(this, progress == null ? ProgressListener.NONE : progress).write(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                    "synthetic city: cannot write into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Configures a {@link SyntheticCity}; {@link #build()} validates. */
    public static final class Builder {
        private int pipes = 1_000;
        private int years = 10;
        private Integer firstYear;
        private long seed = 1;
        private HazardParameters hazard = HazardParameters.defaults();
        private RealismKnobs knobs = RealismKnobs.defaults();
        private long fullTruthLimit = 5_000_000;

        private Builder() {
        }

        /** Number of pipe segments, 4 to 5,000,000 (default 1,000). */
        public Builder pipes(int pipes) {
            this.pipes = pipes;
            return this;
        }

        /** Years of history, 1 to 100 (default 10). */
        public Builder years(int years) {
            this.years = years;
            return this;
        }

        /** First simulated year (default: so that the last year is 2024). */
        public Builder firstYear(int firstYear) {
            this.firstYear = firstYear;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder hazard(HazardParameters hazard) {
            this.hazard = Objects.requireNonNull(hazard, "hazard");
            return this;
        }

        public Builder knobs(RealismKnobs knobs) {
            this.knobs = Objects.requireNonNull(knobs, "knobs");
            return this;
        }

        /** Pipe-months up to which the full truth file is written (default 5,000,000; 0 never). */
        public Builder fullTruthLimit(long pipeMonths) {
            this.fullTruthLimit = pipeMonths;
            return this;
        }

        public SyntheticCity build() {
            return new SyntheticCity(pipes, years, firstYear == null ? 2024 - years + 1 : firstYear, seed, hazard, knobs,
                    fullTruthLimit);
        }
    }
}
