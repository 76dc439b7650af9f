/** Implementation details of ETL (CSV and GeoJSON readers, bulk inserts, hashing); not an API. */
package io.breakwater.etl.internal;
