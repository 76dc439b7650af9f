/**
 * Turso (libSQL) for Breakwater: {@link io.breakwater.turso.TursoClient}, a small Hrana-over-HTTP client;
 * {@link io.breakwater.turso.Publish}, which copies a local store to a remote Turso database; and
 * {@link io.breakwater.turso.Parity}, which compares any two stores table by table.
 */
package io.breakwater.turso;
