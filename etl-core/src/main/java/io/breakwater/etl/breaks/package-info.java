/** Break-record ingest into {@code pipe_breaks_clean}: cleaning, reprojection, checks, areas, natural keys. */
package io.breakwater.etl.breaks;
