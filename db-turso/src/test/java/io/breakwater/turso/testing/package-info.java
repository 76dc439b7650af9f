/** Test fixtures shared through db-turso's test-jar: a real tursodb engine on loopback and a filled store. */
package io.breakwater.turso.testing;
