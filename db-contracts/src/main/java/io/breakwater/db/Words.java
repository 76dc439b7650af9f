package io.breakwater.db;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Enum constants written as words, as in a mapping, a configuration file or on a command line: each module's enums
 * ({@code Algorithm}, {@code Target}, {@code Stage}, {@code Severity}, formats) read their words through here, so that
 * every one is matched the same way and an unknown word is answered with the words allowed. Optional free-text
 * settings (a title, a folder, a token) are read through {@link #optional} the same way on every builder.
 */
public final class Words {
    private Words() {
    }

    /** A constant's word by default: its name in lower case ({@code JAVA_GBM} is {@code java_gbm}). */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} whose word is {@code text}, ignoring case, surrounding blanks and the difference
     * between {@code -} and {@code _}; empty when none is (or {@code text} is null).
     */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<? super E, String> word, String text) {
        String wanted = normal(text);
        return Arrays.stream(type.getEnumConstants()).filter(c -> normal(word.apply(c)).equals(wanted)).findFirst();
    }

    /**
     * The constant of {@code type} whose word is {@code text} (matched as by {@link #find}); otherwise an
     * {@link ErrorCode#INVALID_CONFIGURATION} error that names the word and the allowed ones (see {@link #unknown}).
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<? super E, String> word, String text,
            String what) {
        return find(type, word, text).orElseThrow(() -> new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                unknown(type, word, text, what)));
    }

    /** {@code unknown WHAT 'TEXT': expected one of A, B, C}, the words of {@code type} in declaration order. */
    public static <E extends Enum<E>> String unknown(Class<E> type, Function<? super E, String> word, String text,
            String what) {
        return "unknown " + what + " '" + text + "': expected one of " + allowed(type, word);
    }

    /** The words of {@code type} in declaration order, joined by commas. */
    public static <E extends Enum<E>> String allowed(Class<E> type, Function<? super E, String> word) {
        return Arrays.stream(type.getEnumConstants()).map(word).collect(Collectors.joining(", "));
    }

    /** An optional free-text setting: {@code null} when {@code text} is null or blank, else {@code text} stripped. */
    public static String optional(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String normal(String text) {
        return text == null ? "\u0000" : text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
