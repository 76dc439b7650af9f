/** Test fixtures of the BI layer, published in bi-core's test-jar: a small demo-like store. */
package io.breakwater.bi.testing;
