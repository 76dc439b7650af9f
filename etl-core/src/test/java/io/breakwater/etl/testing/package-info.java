/** Test helpers shared by etl-core's tests. */
package io.breakwater.etl.testing;
