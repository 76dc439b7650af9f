package io.breakwater.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one SHA-256 helper of every module (provenance of files, mappings, definitions, artifacts and table content):
 * digests in lower-case hex.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh digest, for content fed in pieces; finish it with {@link #hex(MessageDigest)}. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** Completes {@code digest} and returns its value in hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in hex. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The SHA-256 of the bytes of {@code files} one after the other, in hex.
     *
     * @throws UncheckedIOException naming the file that could not be read
     */
    public static String ofFiles(List<Path> files) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return hex(digest);
    }
}
