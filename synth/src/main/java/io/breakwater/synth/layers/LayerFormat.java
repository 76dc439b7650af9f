package io.breakwater.synth.layers;

import io.breakwater.db.Words;

/** The formats {@link SpatialLayers} writes a city's geometry layers in. */
public enum LayerFormat {
    /** GeoJSON FeatureCollections in WGS84. */
    GEOJSON,
    /** One ESRI Shapefile set per layer, NAD83 / UTM zone 17N, ESRI .prj without AUTHORITY, UTF-8 .cpg. */
    SHAPEFILE,
    /** The same shapefile sets in one zip; each mapping names its member with format.layer. */
    SHAPEFILE_ZIP,
    /** One GeoPackage with a feature table per layer, EPSG:26917. */
    GEOPACKAGE;

    /** The name used on the command line and in folder names. */
    public String label() {
        return Words.of(this).replace('_', '-');
    }

    /**
     * The format of a label ({@code geojson}, {@code shapefile}, {@code shapefile-zip}, {@code geopackage});
     * an unknown label is refused with an {@link IllegalArgumentException} naming the known ones.
     */
    public static LayerFormat of(String label) {
        return Words.find(LayerFormat.class, LayerFormat::label, label).orElseThrow(() -> new IllegalArgumentException(
                Words.unknown(LayerFormat.class, LayerFormat::label, label, "layer format")));
    }
}
