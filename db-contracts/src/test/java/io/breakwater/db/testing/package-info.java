/** Test fixtures shared by every module's tests through db-contracts' test-jar. */
package io.breakwater.db.testing;
