/**
 * How the synthetic city is built: street grid, weather, hazard engine (shared by the generator and the truth reader)
 * and the file writers. Not an API: use {@link io.breakwater.synth.SyntheticCity} and {@link io.breakwater.synth.CityTruth}.
 */
package io.breakwater.synth.internal;
