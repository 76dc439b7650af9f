/**
 * Implementation details of ETL (CSV, GeoJSON, shapefile and GeoPackage readers, .prj WKT to proj4, file sniffing, bulk
 * inserts, hashing); not an API.
 */
package io.breakwater.etl.internal;
