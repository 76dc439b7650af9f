package io.breakwater.turso;

import java.util.Base64;
import java.util.Objects;

/** A typed value of the Hrana protocol, as sent in statement arguments and received in result rows. */
public sealed interface HranaValue {
    /** SQL NULL. */
    HranaValue NULL = new Null();

    /** The value as Java sees it: {@code null}, {@link Long}, {@link Double}, {@link String} or {@code byte[]}. */
    Object javaValue();

    static HranaValue of(long value) {
        return new Integer(value);
    }

    static HranaValue of(double value) {
        return Double.isNaN(value) ? NULL : new Float(value);
    }

    static HranaValue of(String value) {
        return value == null ? NULL : new Text(value);
    }

    /** SQL NULL. */
    record Null() implements HranaValue {
        @Override
        public Object javaValue() {
            return null;
        }
    }

    /** A 64-bit integer (sent as a decimal string, as Hrana requires). */
    record Integer(long value) implements HranaValue {
        @Override
        public Object javaValue() {
            return value;
        }
    }

    /** A double. */
    record Float(double value) implements HranaValue {
        @Override
        public Object javaValue() {
            return value;
        }
    }

    /** A text value. */
    record Text(String value) implements HranaValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object javaValue() {
            return value;
        }
    }

    /** A blob (sent base64-encoded). */
    record Blob(byte[] value) implements HranaValue {
        public Blob {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object javaValue() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "Blob[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }
}
