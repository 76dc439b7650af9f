package io.breakwater.db;

import java.util.Objects;

/**
 * The root of every exception Breakwater throws on purpose. The message is written for a user: it names the
 * input and the place (file, line, column, value) and what was expected, on one line.
 */
public class BreakwaterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public BreakwaterException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public BreakwaterException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
