package io.breakwater.etl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source mapping: how one city's file maps onto a canonical table (format in {@code docs/source-mappings.md}). Read
 * with {@link #read(Path)}; every part a kind does not use is {@code null}. Kind-specific validation (columns
 * present, CRS known, date patterns valid) is done by the ingest of that kind before any row is read, through the
 * helpers here, so that each error names the mapping key.
 *
 * @param source      logical source name; natural keys are namespaced by it
 * @param kind        breaks, areas, soil, pipes, climate
 * @param synthetic   true for data that is made up (e.g. a demo soil layer)
 * @param format      how to read the file
 * @param crs         the CRS of a geometry file (GeoJSON) when it is not WGS84
 * @param station     a climate station id
 * @param id          the natural-key columns
 * @param name        a name column (areas)
 * @param date        the date column and its patterns
 * @param year        a stated-year column, checked against the date
 * @param coordinates one or more coordinate pairs and the distance within which they must agree
 * @param attributes  optional attribute columns by canonical name (material, diameter, installYear, ...)
 * @param serviceArea the bounding box or boundary every record must fall in
 * @param duplicates  duplicate detection settings
 * @param areas       the area set (an areas mapping's {@code source}) breaks are assigned to
 * @param freshness   how recent the newest record must be
 * @param checks      per-check overrides of severity and threshold, by check name
 * @param filter      row filter: every rule must hold, else the row is counted as filtered (not loaded, not rejected)
 * @param extra       declared extra attributes by name (text codes, numbers, dates), stored in record_attributes
 * @param attribution the licence or attribution text of the source, shown wherever its data is shown
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SourceMapping(
        String source,
        String kind,
        Boolean synthetic,
        Format format,
        String crs,
        String station,
        IdSpec id,
        ColumnSpec name,
        DateSpec date,
        ColumnSpec year,
        Coordinates coordinates,
        Map<String, ColumnSpec> attributes,
        ServiceArea serviceArea,
        Duplicates duplicates,
        String areas,
        Freshness freshness,
        Map<String, CheckSetting> checks,
        List<FilterRule> filter,
        Map<String, ColumnSpec> extra,
        String attribution) {

    private static final Set<String> KINDS = Set.of("breaks", "areas", "soil", "pipes", "climate");

    /**
     * How to read the file. {@code type}: csv, geojson, shapefile, geopackage, or a kind-specific format (eccc-daily,
     * ...); {@code layer}: the layer of a GeoPackage or the member of a zipped shapefile set, when there are several;
     * {@code units}: the unit system of a published climate format that comes in two ({@code gsom}: {@code metric},
     * the default, or NOAA's {@code standard}: degF, inches).
     */
    public record Format(String type, String delimiter, String quote, String encoding, Integer skipLines, String crs,
            String layer, String units) {
        public Format(String type, String delimiter, String quote, String encoding, Integer skipLines, String crs) {
            this(type, delimiter, quote, encoding, skipLines, crs, null, null);
        }

        public Format(String type, String delimiter, String quote, String encoding, Integer skipLines, String crs,
                String layer) {
            this(type, delimiter, quote, encoding, skipLines, crs, layer, null);
        }

        public boolean isCsv() {
            return "csv".equalsIgnoreCase(type);
        }

        public boolean isGeoJson() {
            return "geojson".equalsIgnoreCase(type);
        }

        /** A file of features with geometry: geojson, shapefile or geopackage. */
        public boolean isGeometry() {
            return isGeoJson() || "shapefile".equalsIgnoreCase(type) || "geopackage".equalsIgnoreCase(type);
        }
    }

    /** The natural key: one id column, or several combined when the source has none. */
    public record IdSpec(List<String> columns) {
    }

    /**
     * A column, with an optional unit, a code table mapping raw values onto our vocabulary, date patterns and zone
     * (date-like attributes such as install or lining dates), and for an extra attribute its type (text, number,
     * date).
     */
    public record ColumnSpec(String column, String unit, Map<String, String> codes, List<String> patterns, String zone,
            String type) {
        public ColumnSpec(String column, String unit, Map<String, String> codes) {
            this(column, unit, codes, null, null, null);
        }
    }

    /**
     * One rule of a row filter, on {@code column}: {@code equals}, {@code notEquals}, {@code in}, {@code notIn} (text,
     * compared after trimming, case-sensitive unless {@code ignoreCase}), {@code min}/{@code max} (a number range,
     * inclusive), {@code isNull} (blank or absent when true, present when false); several conditions in one rule must
     * all hold. {@code anyOf} instead holds when any of its rules holds.
     */
    public record FilterRule(String column, String equals, String notEquals, List<String> in, List<String> notIn,
            Double min, Double max, Boolean isNull, Boolean ignoreCase, List<FilterRule> anyOf) {
    }

    /** The date column, its java.time patterns (tried in order) and the zone of local times. */
    public record DateSpec(String column, List<String> patterns, String zone) {
    }

    /** One coordinate pair. */
    public record CoordinatePair(String x, String y, String crs) {
    }

    /** Coordinate pairs: the first that parses is used, the others must agree within {@code agreementMetres}. */
    public record Coordinates(List<CoordinatePair> pairs, Double agreementMetres) {
    }

    /** A lon/lat bounding box [minLon, minLat, maxLon, maxLat] or a boundary GeoJSON (relative to the mapping). */
    public record ServiceArea(List<Double> boundingBox, String boundary) {
    }

    /**
     * Two records on the same day within {@code placeMetres} are near duplicates; a record on the same day within
     * {@code acrossSourcesMetres} (default 25 m; 0: ids and dates only) of a break of a source loaded before, or with
     * its record id and date, is a cross-source duplicate.
     */
    public record Duplicates(Double placeMetres, Double acrossSourcesMetres) {
        public Duplicates(Double placeMetres) {
            this(placeMetres, null);
        }
    }

    /** The newest record must be at most {@code maxAgeDays} old at run time. */
    public record Freshness(Integer maxAgeDays) {
    }

    /** Overrides a check's severity ({@code reject_row, flag_row, warn_run, fail_run}) and/or threshold (0..1). */
    public record CheckSetting(String severity, Double threshold) {
    }

    /**
     * A mapping with where it came from and its SHA-256 (logged with every run): a file read by {@link #read(Path)},
     * or a mapping built in code by {@link #of(SourceMapping, Path)}.
     */
    public record File(Path path, String sha256, SourceMapping mapping) {
        /**
         * A mapping built in code (see {@link SourceMapping#builder(String, String)}), checked like a file's; relative
         * paths in it (a service-area boundary) resolve against {@code folder}, and errors name it as
         * {@code "<source> (built in code)"}. Its hash is that of its JSON form, so a changed mapping is logged as such.
         */
        public static File of(SourceMapping mapping, Path folder) {
            Path path = folder.resolve((mapping.source() == null ? "mapping" : mapping.source()) + " (built in code)");
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(mapping);
            } catch (JsonProcessingException e) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path
                        + " cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            checkSourceAndKind(path, mapping);
            return new File(path, Sha256.hex(json), mapping);
        }

        /** Resolves a path written in the mapping relative to the mapping's folder. */
        public Path resolve(String relative) {
            Path p = Path.of(relative);
            Path parent = path.toAbsolutePath().getParent();
            return p.isAbsolute() || parent == null ? p : parent.resolve(p).normalize();
        }

        /** The one id column ({@code id.columns}); refused, "expected exactly one PART: MEANING", if not one. */
        public String requireOneIdColumn(String part, String meaning) {
            SourceMapping m = mapping();
            if (m.id() == null || m.id().columns() == null || m.id().columns().size() != 1) {
                throw invalid("id.columns", "expected exactly one " + part + ": " + meaning);
            }
            return m.id().columns().get(0);
        }

        /** A mapping error naming this file and the key. */
        public BreakwaterException invalid(String key, String problem) {
            return SourceMapping.invalid(path, key, problem);
        }
    }

    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    /**
     * Reads a mapping file (YAML, or JSON when the name ends in {@code .json}), checking its structure, {@code source}
     * and {@code kind}. Kind-specific checks follow in the ingest of that kind.
     */
    public static File read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + " does not exist");
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot read mapping " + path + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        ObjectMapper mapper = path.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        SourceMapping mapping;
        try {
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw invalid(path, "(top level)", "expected a mapping with keys source, kind, format, ...");
            }
            JsonNode coordinates = tree.get("coordinates");
            if (coordinates instanceof ArrayNode pairs) { // short form: a bare list of pairs
                ObjectNode wrapped = mapper.createObjectNode();
                wrapped.set("pairs", pairs);
                ((ObjectNode) tree).set("coordinates", wrapped);
            }
            mapping = mapper.treeToValue(tree, SourceMapping.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(path, keyPath(e), "unknown key '" + e.getPropertyName() + "'; expected one of "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw invalid(path, "(end)", "content after the end of the mapping (two documents in one file?)");
            }
            throw invalid(path, keyPath(e), io.breakwater.etl.internal.IoErrors.bindingProblem(e));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String m = oneLine(e.getOriginalMessage());
            if (m.startsWith("Duplicate field")) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + where + ": the key "
                        + m.substring("Duplicate field".length()).strip() + " is given twice; keep one", e);
            }
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "mapping " + path + " is not valid YAML/JSON" + where + ": " + m, e);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot read mapping " + path + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        checkSourceAndKind(path, mapping);
        return new File(path, Sha256.hex(bytes), mapping);
    }

    private static void checkSourceAndKind(Path path, SourceMapping mapping) {
        if (mapping.source() == null || mapping.source().isBlank()) {
            throw invalid(path, "source", "missing: a logical source name such as 'toronto-breaks' is required");
        }
        if (mapping.kind() == null || !KINDS.contains(mapping.kind())) {
            throw invalid(path, "kind", "expected one of " + KINDS.stream().sorted().toList() + ", found '" + mapping.kind() + "'");
        }
    }

    /**
     * Starts a mapping in code, the same as a mapping file with these keys: e.g.
     *
     * <pre>{@code
     * SourceMapping mapping = SourceMapping.builder("my-breaks", "breaks")
     *         .csv(",")
     *         .id("BREAK_ID")
     *         .date("BREAK_DATE", "yyyy-MM-dd")
     *         .coordinates(new CoordinatePair("X", "Y", "EPSG:2019"))
     *         .attribute("material", new ColumnSpec("MATERIAL", null, Map.of("CI", "cast_iron")))
     *         .build();
     * ingest.breaks(SourceMapping.File.of(mapping, folder), file);
     * }</pre>
     */
    public static Builder builder(String source, String kind) {
        return new Builder(source, kind);
    }

    /** Builds a {@link SourceMapping} key by key; every key left out is absent, as in a file. */
    public static final class Builder {
        private final String source;
        private final String kind;
        private Boolean synthetic;
        private Format format;
        private String crs;
        private String station;
        private IdSpec id;
        private ColumnSpec name;
        private DateSpec date;
        private ColumnSpec year;
        private Coordinates coordinates;
        private final Map<String, ColumnSpec> attributes = new java.util.LinkedHashMap<>();
        private ServiceArea serviceArea;
        private Duplicates duplicates;
        private String areas;
        private Freshness freshness;
        private final Map<String, CheckSetting> checks = new java.util.LinkedHashMap<>();
        private final List<FilterRule> filter = new java.util.ArrayList<>();
        private final Map<String, ColumnSpec> extra = new java.util.LinkedHashMap<>();
        private String attribution;

        private Builder(String source, String kind) {
            this.source = source;
            this.kind = kind;
        }

        public Builder synthetic(boolean value) {
            this.synthetic = value;
            return this;
        }

        public Builder format(Format value) {
            this.format = value;
            return this;
        }

        /** A UTF-8 CSV file with a header row, the given delimiter and double quotes. */
        public Builder csv(String delimiter) {
            return format(new Format("csv", delimiter, "\"", "UTF-8", null, null));
        }

        /** A GeoJSON FeatureCollection in {@code crs} (null for WGS84). */
        public Builder geoJson(String crs) {
            return format(new Format("geojson", null, null, null, null, crs));
        }

        public Builder crs(String value) {
            this.crs = value;
            return this;
        }

        public Builder station(String value) {
            this.station = value;
            return this;
        }

        /** The natural-key column(s). */
        public Builder id(String... columns) {
            this.id = new IdSpec(List.of(columns));
            return this;
        }

        public Builder name(String column) {
            this.name = new ColumnSpec(column, null, null);
            return this;
        }

        /** The date column and its java.time patterns, tried in order, in UTC. */
        public Builder date(String column, String... patterns) {
            this.date = new DateSpec(column, List.of(patterns), null);
            return this;
        }

        public Builder date(DateSpec value) {
            this.date = value;
            return this;
        }

        public Builder year(String column) {
            this.year = new ColumnSpec(column, null, null);
            return this;
        }

        /** One or more coordinate pairs; with several, {@link #coordinates(Double, CoordinatePair...)}. */
        public Builder coordinates(CoordinatePair... pairs) {
            return coordinates(null, pairs);
        }

        /** Coordinate pairs that must agree within {@code agreementMetres}. */
        public Builder coordinates(Double agreementMetres, CoordinatePair... pairs) {
            this.coordinates = new Coordinates(List.of(pairs), agreementMetres);
            return this;
        }

        /** An optional attribute (material, diameter, installYear, breakType, address, assetId, ...). */
        public Builder attribute(String canonicalName, ColumnSpec column) {
            this.attributes.put(canonicalName, column);
            return this;
        }

        /** A lon/lat bounding box every record must fall in. */
        public Builder serviceArea(double minLon, double minLat, double maxLon, double maxLat) {
            this.serviceArea = new ServiceArea(List.of(minLon, minLat, maxLon, maxLat), null);
            return this;
        }

        public Builder serviceArea(ServiceArea value) {
            this.serviceArea = value;
            return this;
        }

        /** Records on the same day within this distance are duplicates. */
        public Builder duplicatesWithin(double metres) {
            this.duplicates = new Duplicates(metres);
            return this;
        }

        /** The area set breaks are assigned to. */
        public Builder areas(String areaSet) {
            this.areas = areaSet;
            return this;
        }

        public Builder freshness(int maxAgeDays) {
            this.freshness = new Freshness(maxAgeDays);
            return this;
        }

        /** Overrides one check's severity and/or threshold. */
        public Builder check(String check, CheckSetting setting) {
            this.checks.put(check, setting);
            return this;
        }

        /** Adds a rule of the row filter; a row must pass every rule to be read. */
        public Builder filter(FilterRule rule) {
            this.filter.add(rule);
            return this;
        }

        /** Declares an extra attribute ({@code type} text, number or date), stored in {@code record_attributes}. */
        public Builder extra(String name, ColumnSpec column) {
            this.extra.put(name, column);
            return this;
        }

        /** The source's licence or attribution text. */
        public Builder attribution(String text) {
            this.attribution = text;
            return this;
        }

        public SourceMapping build() {
            return new SourceMapping(source, kind, synthetic, format, crs, station, id, name, date, year, coordinates,
                    ordered(attributes), serviceArea, duplicates, areas, freshness, ordered(checks),
                    filter.isEmpty() ? null : List.copyOf(filter), ordered(extra), attribution);
        }

        /** Keeps insertion order (Map.copyOf does not), so that the mapping's JSON form and hash are stable. */
        private static <V> Map<String, V> ordered(Map<String, V> map) {
            return map.isEmpty() ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
        }
    }

    /** Refuses a mapping of another kind. */
    public static void requireKind(File file, String kind) {
        if (!kind.equals(file.mapping().kind())) {
            throw file.invalid("kind", "this ingest reads kind '" + kind + "', the mapping is of kind '" + file.mapping().kind() + "'");
        }
    }

    static BreakwaterException invalid(Path path, String key, String problem) {
        return new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "mapping " + path + ": " + key + ": " + problem);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String keyPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }
}
