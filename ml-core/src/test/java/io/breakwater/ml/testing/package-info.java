/** Test fixtures of ml-core: a simulated pipe network with a known hazard, written as a feature set. */
package io.breakwater.ml.testing;
