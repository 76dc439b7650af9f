/** The feature-build benchmark and the simple generated city it runs on; for people, not for tests. */
package io.breakwater.features.bench;
