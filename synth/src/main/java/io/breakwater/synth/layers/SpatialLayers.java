package io.breakwater.synth.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.internal.Projection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Writes the geometry layers of a synthetic city (wards, soil zones, pipes, and the breaks export as points) in one
 * of the spatial formats Breakwater reads, with a source mapping for each: GeoJSON in WGS84; an ESRI Shapefile set per
 * layer in NAD83 / UTM zone 17N with an ESRI .prj (no AUTHORITY, as ArcGIS writes it) and a UTF-8 .cpg; the same
 * four sets in one zip (mappings pick theirs with {@code format.layer}); or one GeoPackage with four feature tables
 * in EPSG:26917. The mappings give no {@code crs}: the file says it.
 *
 * <pre>{@code
 * CityResult city = SyntheticCity.builder().pipes(500).build().writeTo(dir);
 * SpatialLayers.Written shp = SpatialLayers.write(dir, LayerFormat.SHAPEFILE, dir.resolve("shapefile"));
 * }</pre>
 */
public final class SpatialLayers {
    /** Layer names, in the order they are written; also the GeoPackage tables and the shapefile stems. */
    public static final List<String> LAYERS = List.of("areas", "soil_zones", "pipes", "breaks");
    /** The projected CRS of shapefiles and GeoPackages, as ArcGIS writes it in a .prj. */
    public static final String UTM_17N_ESRI_WKT = "PROJCS[\"NAD_1983_UTM_Zone_17N\",GEOGCS[\"GCS_North_American_1983\","
            + "DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],"
            + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-81.0],PARAMETER[\"Scale_Factor\",0.9996],"
            + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    /** EPSG:26917 as OGC WKT with its AUTHORITY, for a GeoPackage's gpkg_spatial_ref_sys. */
    public static final String UTM_17N_OGC_WKT = "PROJCS[\"NAD83 / UTM zone 17N\",GEOGCS[\"NAD83\",DATUM[\"North_American_Datum_1983\","
            + "SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],AUTHORITY[\"EPSG\",\"6269\"]],"
            + "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
            + "AUTHORITY[\"EPSG\",\"4269\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
            + "PARAMETER[\"central_meridian\",-81],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],"
            + "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AUTHORITY[\"EPSG\",\"26917\"]]";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** The files written: the data file and the mapping of each layer, by layer name. */
    public record Written(LayerFormat format, Path directory, Map<String, Path> files, Map<String, Path> mappings) {
        public Written {
            files = Map.copyOf(files);
            mappings = Map.copyOf(mappings);
        }
    }

    private SpatialLayers() {
    }

    /** Reads the layers of the city in {@code cityDir} and writes them in {@code format} into {@code outDir}. */
    public static Written write(Path cityDir, LayerFormat format, Path outDir) {
        try {
            Files.createDirectories(outDir);
            Map<String, Layer> layers = new LinkedHashMap<>();
            layers.put("areas", geoJson(cityDir.resolve(CityFiles.AREAS_GEOJSON)));
            layers.put("soil_zones", geoJson(cityDir.resolve(CityFiles.SOIL_GEOJSON)));
            layers.put("pipes", geoJson(cityDir.resolve(CityFiles.PIPES_GEOJSON)));
            layers.put("breaks", breaks(cityDir.resolve(CityFiles.BREAKS_CSV)));
            Map<String, String> mappings = new LinkedHashMap<>();
            mappings.put("areas", Files.readString(cityDir.resolve(CityFiles.AREAS_MAPPING)));
            mappings.put("soil_zones", Files.readString(cityDir.resolve(CityFiles.SOIL_MAPPING)));
            mappings.put("pipes", Files.readString(cityDir.resolve(CityFiles.PIPES_MAPPING)));
            mappings.put("breaks", breaksMapping(Files.readString(cityDir.resolve(CityFiles.BREAKS_MAPPING))));
            Map<String, Path> files = new LinkedHashMap<>();
            Map<String, Path> mappingFiles = new LinkedHashMap<>();
            Map<String, Map<String, byte[]>> zipped = new LinkedHashMap<>();
            GeoPackageWriter gpkg = null;
            Path gpkgFile = outDir.resolve("city.gpkg");
            Path zipFile = outDir.resolve("city-shapefiles.zip");
            if (format == LayerFormat.GEOPACKAGE) {
                gpkg = GeoPackageWriter.create(gpkgFile).srs(26917, "NAD83 / UTM zone 17N", "EPSG", 26917,
                        UTM_17N_OGC_WKT);
            }
            try {
                for (String name : LAYERS) {
                    Layer layer = layers.get(name);
                    String mapping = mappings.get(name).replaceAll("(?m)^crs: .*\\R", "");
                    String formatLine;
                    switch (format) {
                        case GEOJSON -> {
                            Path file = outDir.resolve(name + ".geojson");
                            writeGeoJson(file, layer.names, layer.features);
                            files.put(name, file);
                            formatLine = "format: { type: geojson }";
                        }
                        case SHAPEFILE, SHAPEFILE_ZIP -> {
                            List<ShapefileWriter.Feature> projected = project(layer.features);
                            Map<String, String> fieldNames = ShapefileWriter.fieldNames(layer.names);
                            mapping = rename(mapping, fieldNames);
                            if (format == LayerFormat.SHAPEFILE) {
                                files.put(name, ShapefileWriter.write(outDir, name, layer.names, projected,
                                        UTM_17N_ESRI_WKT, StandardCharsets.UTF_8, "UTF-8"));
                                formatLine = "format: { type: shapefile }";
                            } else {
                                zipped.put(name, ShapefileWriter.files(name, layer.names, projected, UTM_17N_ESRI_WKT,
                                        StandardCharsets.UTF_8, "UTF-8"));
                                files.put(name, zipFile);
                                formatLine = "format: { type: shapefile, layer: " + name + " }";
                            }
                        }
                        case GEOPACKAGE -> {
                            gpkg.layer(name, layer.names, project(layer.features), 26917);
                            files.put(name, gpkgFile);
                            formatLine = "format: { type: geopackage, layer: " + name + " }";
                        }
                        default -> throw new IllegalStateException(format.toString());
                    }
                    mapping = mapping.replaceFirst("(?m)^format: \\{ type: geojson \\}", Matcher.quoteReplacement(formatLine));
                    Path mappingFile = outDir.resolve(name + "-mapping.yaml");
                    Files.writeString(mappingFile, mapping.replaceFirst("Generated by breakwater synth\\.",
                            "Generated by breakwater synth (" + format.label() + " layers)."), StandardCharsets.UTF_8);
                    mappingFiles.put(name, mappingFile);
                }
            } finally {
                if (gpkg != null) {
                    gpkg.close();
                }
            }
            if (format == LayerFormat.SHAPEFILE_ZIP) {
                ShapefileWriter.zip(zipFile, zipped);
            }
            return new Written(format, outDir, files, mappingFiles);
        } catch (IOException | UncheckedIOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "synthetic city: cannot write " + format.label()
                    + " layers into " + outDir + ": " + e.getMessage(), e);
        }
    }

    private record Layer(List<String> names, List<ShapefileWriter.Feature> features) {
    }

    private static Layer geoJson(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        GeoJsonReader reader = new GeoJsonReader(FACTORY);
        List<String> names = new ArrayList<>();
        List<ShapefileWriter.Feature> features = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            Map<String, Object> props = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : f.path("properties").properties()) {
                if (!names.contains(e.getKey())) {
                    names.add(e.getKey());
                }
                JsonNode v = e.getValue();
                props.put(e.getKey(), v.isNull() ? null : v.isNumber() ? v.numberValue() : v.asText());
            }
            Geometry g;
            try {
                g = f.get("geometry") == null || f.get("geometry").isNull() ? null : reader.read(f.get("geometry").toString());
            } catch (ParseException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            features.add(new ShapefileWriter.Feature(props, g));
        }
        return new Layer(names, features);
    }

    /** The breaks export as points in lon/lat (from EASTING/NORTHING; none where those are empty), all columns text. */
    private static Layer breaks(Path csv) throws IOException {
        List<String> names;
        List<ShapefileWriter.Feature> features = new ArrayList<>();
        Projection projection = new Projection();
        double[] ll = new double[4];
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            names = List.of(in.readLine().split(",", -1));
            int x = names.indexOf("EASTING");
            int y = names.indexOf("NORTHING");
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] values = line.split(",", -1);
                Map<String, Object> props = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    props.put(names.get(i), i < values.length && !values[i].isEmpty() ? values[i] : null);
                }
                Geometry g = null;
                if (!values[x].isEmpty() && !values[y].isEmpty()) {
                    projection.lonLat(Double.parseDouble(values[x]), Double.parseDouble(values[y]), ll, 0);
                    g = FACTORY.createPoint(new Coordinate(ll[0], ll[1]));
                }
                features.add(new ShapefileWriter.Feature(props, g));
            }
        }
        return new Layer(names, features);
    }

    /** The breaks mapping of the CSV export, reading the points: first pair the geometry, then the lon/lat columns. */
    private static String breaksMapping(String csvMapping) {
        String m = csvMapping.replaceFirst("(?m)^format:\\R(  .*\\R)+", "format: { type: geojson }\n");
        return m.replaceFirst("(?m)^  - \\{ x: EASTING, y: NORTHING, crs: \"[^\"]*\" \\}.*$",
                "  - { x: geometry.x, y: geometry.y }     # the point, in the CRS of the file");
    }

    /** Lon/lat features projected to UTM 17N. */
    private static List<ShapefileWriter.Feature> project(List<ShapefileWriter.Feature> features) {
        Projection projection = new Projection();
        double[] xy = new double[2];
        List<ShapefileWriter.Feature> out = new ArrayList<>(features.size());
        for (ShapefileWriter.Feature f : features) {
            Geometry g = f.geometry() == null ? null : f.geometry().copy();
            if (g != null) {
                g.apply((CoordinateFilter) c -> {
                    projection.projected(c.x, c.y, xy);
                    c.x = xy[0];
                    c.y = xy[1];
                });
                g.geometryChanged();
            }
            out.add(new ShapefileWriter.Feature(f.properties(), g));
        }
        return out;
    }

    /** Column names in a mapping replaced by the shapefile's (cut to 10 characters). */
    private static String rename(String mapping, Map<String, String> fieldNames) {
        Matcher m = Pattern.compile("(column: |x: |y: |columns: \\[)([A-Za-z_][A-Za-z0-9_]*)").matcher(mapping);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = fieldNames.getOrDefault(m.group(2), m.group(2));
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + name));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void writeGeoJson(Path file, List<String> names, List<ShapefileWriter.Feature> features)
            throws IOException {
        ObjectNode root = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode array = root.putArray("features");
        org.locationtech.jts.io.geojson.GeoJsonWriter writer = new org.locationtech.jts.io.geojson.GeoJsonWriter(9);
        writer.setEncodeCRS(false);
        for (ShapefileWriter.Feature f : features) {
            ObjectNode feature = array.addObject().put("type", "Feature");
            ObjectNode props = feature.putObject("properties");
            for (String n : names) {
                Object v = f.properties().get(n);
                if (v == null) {
                    props.putNull(n);
                } else if (v instanceof Number num) {
                    props.set(n, JSON.valueToTree(num));
                } else {
                    props.put(n, v.toString());
                }
            }
            if (f.geometry() == null) {
                feature.putNull("geometry");
            } else {
                feature.set("geometry", JSON.readTree(writer.write(f.geometry())));
            }
        }
        JSON.writeValue(file.toFile(), root);
    }
}
