/**
 * What the climate parsers report of a rejected source row ({@link io.breakwater.etl.env.SourceReject}); the runs of
 * every source kind and derived step report through {@link io.breakwater.etl.IngestReport}.
 */
package io.breakwater.etl.env;
