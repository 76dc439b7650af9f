/**
 * Helpers shared by the climate, soil and pipe steps (a local metric plane for
 * distances, the run log of the environment steps); not an API.
 */
package io.breakwater.etl.env.internal;
