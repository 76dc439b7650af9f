/**
 * Climate: daily station records (Environment Canada, NOAA GHCN-Daily, mapped CSV) and monthly summaries (NOAA GSOM,
 * mapped CSV) turned into the monthly series of {@code climate_monthly}, with several stations merged by priority.
 */
package io.breakwater.etl.climate;
