package io.breakwater.db.internal;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's logging through SLF4J, quiet by default: Flyway's per-migration information lines ("Migrating schema ...",
 * "Successfully validated ...") go to DEBUG on Flyway's own loggers, so that a program logging at INFO sees none of
 * them; warnings and errors stay as they are. Set {@code org.flywaydb} to DEBUG to read them. Flyway instantiates
 * this class by name (its {@code loggers} setting); nothing else uses it.
 */
public final class QuietFlywayLogs implements LogCreator {
    @Override
    public Log createLogger(Class<?> clazz) {
        Logger logger = LoggerFactory.getLogger(clazz);
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return logger.isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                logger.debug(message);
            }

            @Override
            public void info(String message) {
                logger.debug(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }

            @Override
            public void error(String message) {
                logger.error(message);
            }

            @Override
            public void error(String message, Exception e) {
                logger.error(message, e);
            }

            @Override
            public void notice(String message) {
                logger.debug(message);
            }
        };
    }
}
