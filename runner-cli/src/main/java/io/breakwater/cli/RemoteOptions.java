package io.breakwater.cli;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.turso.TursoClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of commands that reach a remote Turso database; the token comes from an environment variable only. */
final class RemoteOptions {
    @Option(names = "--token-env", paramLabel = "NAME", defaultValue = "TURSO_AUTH_TOKEN",
            description = "Environment variable holding the Turso auth token (default ${DEFAULT-VALUE}); "
                    + "unset sends none, as a local tursodb needs none. The token is never printed or stored.")
    String tokenEnv;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds one HTTP request to the remote may take (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--allow-plain-http",
            description = "Send the auth token over plain http:// to a host other than this machine (refused by default).")
    boolean allowPlainHttp;

    TursoClient client(String url) {
        if (timeoutSeconds < 1) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        return TursoClient.builder(url).authToken(System.getenv(tokenEnv)).allowPlainHttp(allowPlainHttp)
                .timeout(Duration.ofSeconds(timeoutSeconds)).build();
    }
}
