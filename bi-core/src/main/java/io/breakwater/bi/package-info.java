/**
 * Breakwater's BI layer: {@link io.breakwater.bi.StarSchema} refreshes the star schema (dimensions, facts and one
 * table per dashboard), {@link io.breakwater.bi.PowerBiExport} writes it out for Power BI, and
 * {@link io.breakwater.bi.Report} writes the offline HTML report.
 */
package io.breakwater.bi;
