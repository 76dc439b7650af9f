/**
 * A synthetic city with a known break hazard: {@link io.breakwater.synth.SyntheticCity} writes a pipe network, areas,
 * soil zones, daily climate and break records as raw files with their source mappings, plus the true monthly hazard
 * of every pipe, which {@link io.breakwater.synth.CityTruth} reads back.
 */
package io.breakwater.synth;
