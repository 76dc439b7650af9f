package io.breakwater.synth.layers;

import java.util.Locale;

/** The formats {@link SpatialLayers} writes a city's geometry layers in. */
public enum LayerFormat {
    /** GeoJSON FeatureCollections in WGS84. */
    GEOJSON("geojson"),
    /** One ESRI Shapefile set per layer, NAD83 / UTM zone 17N, ESRI .prj without AUTHORITY, UTF-8 .cpg. */
    SHAPEFILE("shapefile"),
    /** The same shapefile sets in one zip; each mapping names its member with format.layer. */
    SHAPEFILE_ZIP("shapefile-zip"),
    /** One GeoPackage with a feature table per layer, EPSG:26917. */
    GEOPACKAGE("geopackage");

    private final String label;

    LayerFormat(String label) {
        this.label = label;
    }

    /** The name used on the command line and in folder names. */
    public String label() {
        return label;
    }

    /** The format of a label ({@code geojson}, {@code shapefile}, {@code shapefile-zip}, {@code geopackage}). */
    public static LayerFormat of(String label) {
        for (LayerFormat f : values()) {
            if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown layer format '" + label + "'; expected geojson, shapefile, "
                + "shapefile-zip or geopackage");
    }
}
