/**
 * What the environment and asset steps (climate, soil, pipes, break-to-pipe matching) report: the run summary, the
 * rejected rows and the quality results they stored.
 */
package io.breakwater.etl.env;
