package io.breakwater.turso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.turso.internal.MigrationScripts;
import org.junit.jupiter.api.Test;

class MigrationScriptsTests {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (x VARCHAR DEFAULT 'a;b', "odd;name" INTEGER); /* block; comment */
                INSERT INTO a VALUES ('it''s; fine', 1);

                CREATE INDEX a_x ON a (x)
                """;
        assertThat(MigrationScripts.split(script)).containsExactly(
                "CREATE TABLE a (x VARCHAR DEFAULT 'a;b', \"odd;name\" INTEGER)",
                "INSERT INTO a VALUES ('it''s; fine', 1)",
                "CREATE INDEX a_x ON a (x)");
    }

    @Test
    void theShippedSchemaSplitsIntoItsTablesAndIndexes() {
        assertThat(MigrationScripts.statements("V1__breakwater_schema.sql"))
                .filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(17);
        assertThat(MigrationScripts.statements("V1__breakwater_schema.sql"))
                .allSatisfy(s -> assertThat(s).doesNotContain("--").doesNotEndWith(";"));
    }

    @Test
    void aMigrationThisBuildDoesNotShipIsASchemaMismatch() {
        assertThatThrownBy(() -> MigrationScripts.statements("V99__future.sql"))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH))
                .hasMessageContaining("V99__future.sql");
    }
}
