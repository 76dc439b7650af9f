/** The {@code breakwater} command line: thin picocli commands that wire the core modules together. */
package io.breakwater.cli;
