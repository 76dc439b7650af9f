package io.breakwater.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this Breakwater build, as recorded in run logs and the model registry. */
public final class BreakwaterVersion {
    private static final String VERSION = load();

    private BreakwaterVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BreakwaterVersion.class.getResourceAsStream("breakwater-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
