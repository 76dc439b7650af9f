/** Parsers of the published climate file formats and of CSVs described by a mapping; not an API. */
package io.breakwater.etl.climate.internal;
