/**
 * ETL: the {@link io.breakwater.etl.Ingest} entry point, and the machinery every source kind shares (source mappings,
 * record readers, quality checks, rejects, staged idempotent loads, the run log, the material vocabulary,
 * reprojection and point-in-polygon lookup).
 */
package io.breakwater.etl;
