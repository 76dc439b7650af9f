/** Small programs that embed Breakwater; each is run by the build (ExamplesTests) and never published. */
package io.breakwater.examples;
