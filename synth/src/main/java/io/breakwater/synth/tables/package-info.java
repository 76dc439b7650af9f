/**
 * Generators with a known hazard that write straight into a store's tables instead of raw files, for the tests of a
 * stage that reads another stage's output: {@link io.breakwater.synth.tables.SyntheticPanel} fills the feature
 * tables (ml-core's input), {@link io.breakwater.synth.tables.SyntheticBreakHistory} the curated areas, breaks and
 * climate (forecast-core's input).
 */
package io.breakwater.synth.tables;
