package io.breakwater.cli;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A separate process that holds a DuckDB file read-only, as Power BI Desktop does through DuckDB's ODBC driver: it
 * opens the file, reads a table, prints {@code holding}, and keeps the connection until its standard input closes.
 */
public final class HoldReadOnly {
    private HoldReadOnly() {
    }

    public static void main(String[] args) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM dim_date")) {
            rs.next();
            System.out.println("holding " + rs.getLong(1));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our standard input
            }
        }
        System.out.write("released\n".getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
