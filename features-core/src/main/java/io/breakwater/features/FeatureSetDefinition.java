package io.breakwater.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Sha256;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a feature set is: its name and version, the grain, the label horizon and the few choices that change the
 * numbers. Immutable; made with {@link #builder()}, which validates in {@link Builder#build()}.
 *
 * <p>The definition hash covers everything that changes the panel's numbers (grain, horizon, climate series, neighbour
 * distance, month range, the extra attributes asked for and the version of the feature logic itself), not the name or
 * version. A feature set without extra attributes, or with monthly snapshots, hashes as it did before they existed. A feature set is
 * stored as {@code name@version}; rebuilding it with another definition is refused: give it a new version.
 */
public final class FeatureSetDefinition {
    /**
     * The version of the feature logic in this build of features-core. Bump it whenever a column's meaning or
     * computation changes, so that the definition hash changes too.
     */
    public static final String LOGIC_VERSION = "panel-1";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,79}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String version;
    private final Grain grain;
    private final int horizonMonths;
    private final String climateSeriesId;
    private final double neighbourDistanceM;
    private final YearMonth firstMonth;
    private final YearMonth lastMonth;
    private final List<String> attributes;
    private final Period period;

    private FeatureSetDefinition(Builder b) {
        this.grain = b.grain;
        this.horizonMonths = b.horizonMonths;
        this.name = b.name != null ? b.name : "panel-" + grain.id().replace(':', '-') + "-h" + horizonMonths;
        this.version = b.version;
        this.climateSeriesId = b.climateSeriesId;
        this.neighbourDistanceM = b.neighbourDistanceM;
        this.firstMonth = b.firstMonth;
        this.lastMonth = b.lastMonth;
        this.attributes = List.copyOf(new TreeSet<>(b.attributes));
        this.period = b.period;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code name@version}, the key of the feature set in every feature table. */
    public String featureSetId() {
        return name + "@" + version;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public Grain grain() {
        return grain;
    }

    /** Labels count breaks in the next {@code horizonMonths} months (1, 3 or 12). */
    public int horizonMonths() {
        return horizonMonths;
    }

    /** The climate series to read, or {@code null} for the default of {@link io.breakwater.db.ClimateSeries#choose}. */
    public String climateSeriesId() {
        return climateSeriesId;
    }

    /** Pipe grain: pipes within this distance (metres) of each other are neighbours. */
    public double neighbourDistanceM() {
        return neighbourDistanceM;
    }

    /** The panel's first month, or {@code null} for the first month of break data. */
    public YearMonth firstMonth() {
        return firstMonth;
    }

    /** The panel's last month, or {@code null} for the last month of break data. */
    public YearMonth lastMonth() {
        return lastMonth;
    }

    /**
     * The extra attributes ({@code record_attributes.name}, declared by the source mappings) that become features,
     * sorted; empty for none. See docs/features.md.
     */
    public List<String> attributes() {
        return attributes;
    }

    /** One snapshot per asset and month (default), or per asset and year ({@link Period}). */
    public Period period() {
        return period;
    }

    /** The definition as canonical JSON (what the hash covers), stored in {@code feature_sets.definition_json}. */
    public String definitionJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("logic", LOGIC_VERSION);
        json.put("grain", grain.id());
        json.put("horizon_months", horizonMonths);
        json.put("climate_series_id", climateSeriesId);
        json.put("neighbour_distance_m", neighbourDistanceM);
        json.put("first_month", firstMonth == null ? null : firstMonth.toString());
        json.put("last_month", lastMonth == null ? null : lastMonth.toString());
        if (!attributes.isEmpty()) {
            json.put("attributes", attributes);  // absent when empty: older definitions keep their hash
        }
        if (period != Period.MONTH) {
            json.put("period", period.id());  // absent for monthly panels: older definitions keep their hash
        }
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of {@link #definitionJson()}. */
    public String definitionHash() {
        return Sha256.hex(definitionJson());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSetDefinition d && featureSetId().equals(d.featureSetId())
                && definitionJson().equals(d.definitionJson());
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureSetId(), definitionJson());
    }

    @Override
    public String toString() {
        return featureSetId() + " " + definitionJson();
    }

    /** Builds a {@link FeatureSetDefinition}; every setter is optional except none: defaults are pipe grain, H = 12. */
    public static final class Builder {
        private String name;
        private String version = "1";
        private Grain grain = Grain.pipe();
        private int horizonMonths = 12;
        private String climateSeriesId;
        private double neighbourDistanceM = 100.0;
        private YearMonth firstMonth;
        private YearMonth lastMonth;
        private List<String> attributes = List.of();
        private Period period = Period.MONTH;

        private Builder() {
        }

        /** Default {@code panel-GRAIN-hH}, e.g. {@code panel-area-h12}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Default {@code 1}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder grain(Grain grain) {
            this.grain = grain;
            return this;
        }

        public Builder horizonMonths(int horizonMonths) {
            this.horizonMonths = horizonMonths;
            return this;
        }

        public Builder climateSeriesId(String climateSeriesId) {
            this.climateSeriesId = climateSeriesId;
            return this;
        }

        public Builder neighbourDistanceM(double neighbourDistanceM) {
            this.neighbourDistanceM = neighbourDistanceM;
            return this;
        }

        public Builder firstMonth(YearMonth firstMonth) {
            this.firstMonth = firstMonth;
            return this;
        }

        public Builder lastMonth(YearMonth lastMonth) {
            this.lastMonth = lastMonth;
            return this;
        }

        /**
         * The extra attributes to use as features, by name ({@code features.attributes} in a pipeline config); each
         * must be held by some record the grain reads (checked by the build). Default none.
         */
        public Builder attributes(List<String> attributes) {
            this.attributes = attributes == null ? List.of() : new ArrayList<>(attributes);
            return this;
        }

        /** Monthly (default) or yearly snapshots; yearly needs the 12-month horizon. */
        public Builder period(Period period) {
            this.period = period;
            return this;
        }

        public FeatureSetDefinition build() {
            if (period == null) {
                throw invalid("period is missing: expected month or year");
            }
            if (period == Period.YEAR && horizonMonths != 12) {
                throw invalid("yearly snapshots take the 12-month horizon (label = breaks in the next 12 months), "
                        + "not " + horizonMonths + " months");
            }
            if (grain == null) {
                throw invalid("grain is missing: expected pipe, area or grid:SIZE");
            }
            if (horizonMonths != 1 && horizonMonths != 3 && horizonMonths != 12) {
                throw invalid("horizon " + horizonMonths + " months: expected 1, 3 or 12");
            }
            if (name != null && !NAME.matcher(name).matches()) {
                throw invalid("name '" + name + "': expected letters, digits, '.', '_', ':' or '-' (at most 80)");
            }
            if (version == null || !NAME.matcher(version).matches()) {
                throw invalid("version '" + version + "': expected letters, digits, '.', '_', ':' or '-' (at most 80)");
            }
            if (!(neighbourDistanceM >= 0 && neighbourDistanceM <= 10_000)) {
                throw invalid("neighbour distance " + neighbourDistanceM + " m: expected 0 to 10000 metres");
            }
            if (firstMonth != null && lastMonth != null && firstMonth.isAfter(lastMonth)) {
                throw invalid("first month " + firstMonth + " is after last month " + lastMonth);
            }
            for (String attribute : attributes) {
                if (attribute == null || !ATTRIBUTE.matcher(attribute).matches()) {
                    throw invalid("attribute '" + attribute + "' (features.attributes): expected a name of letters, "
                            + "digits and '_' as declared under a source mapping's extra:");
                }
            }
            if (new TreeSet<>(attributes).size() != attributes.size()) {
                throw invalid("attributes " + attributes + " (features.attributes) name an attribute twice");
            }
            if (climateSeriesId != null && climateSeriesId.isBlank()) {
                climateSeriesId = null;
            }
            return new FeatureSetDefinition(this);
        }

        private static BreakwaterException invalid(String message) {
            return new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "feature set: " + message);
        }
    }
}
