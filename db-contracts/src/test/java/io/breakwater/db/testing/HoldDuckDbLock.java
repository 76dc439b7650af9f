package io.breakwater.db.testing;

import java.sql.Connection;
import java.sql.DriverManager;

/** Test helper run as a separate process: opens a DuckDB file, says "ready", and holds its lock until killed. */
public final class HoldDuckDbLock {
    private HoldDuckDbLock() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
