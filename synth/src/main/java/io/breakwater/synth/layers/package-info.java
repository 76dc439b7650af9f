/**
 * A synthetic city's geometry layers in the spatial formats Breakwater reads (GeoJSON, ESRI Shapefile, zipped
 * shapefiles, GeoPackage) with their source mappings: {@link io.breakwater.synth.layers.SpatialLayers}. The compact
 * writers here are test and demo tooling.
 */
package io.breakwater.synth.layers;
