package io.breakwater.db.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a test once per {@link TestStores.Kind}, each time with a fresh migrated
 * {@link io.breakwater.db.BreakwaterStore} in its own temporary folder; the store is closed and the folder deleted
 * after the test. For tests that need the kind itself, use {@link TestStores#fresh} with an {@code EnumSource}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(FreshStores.class)
public @interface EachStore {
}
