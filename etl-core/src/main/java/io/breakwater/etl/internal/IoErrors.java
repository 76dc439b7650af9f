package io.breakwater.etl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read, in Breakwater's words: the JDK's and the parsers' exceptions often carry only the
 * path ({@code cannot read F: F}) or their own vocabulary ({@code No content to map due to end-of-input}).
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason of {@code e}, one line, without the path the caller already names. */
    public static String reason(Exception e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return reason(u.getCause());
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? oneLine(f.getReason()) : "the file system refused to read it";
        }
        if (e instanceof CharacterCodingException) {
            return "holds bytes that are not valid text in the file's encoding";
        }
        if (e instanceof JsonProcessingException j) {
            String m = oneLine(String.valueOf(j.getOriginalMessage()));
            if (m.startsWith("No content to map")) {
                return "the file is empty";
            }
            String where = j.getLocation() == null || j.getLocation().getLineNr() < 0 ? ""
                    : " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            return "not valid JSON/YAML" + where + ": " + m;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
