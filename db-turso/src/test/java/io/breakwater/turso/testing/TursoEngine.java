package io.breakwater.turso.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Turso engine for tests: {@code tursodb FILE --sync-server 127.0.0.1:PORT}, serving Hrana over HTTP on
 * loopback. The binary is found through the system property {@code breakwater.tursodb} (set by the build from the
 * environment variable {@code TURSODB}), the variable itself, the {@code PATH}, or the checkout's {@code .ci/turso}
 * folder that {@code .ci/run} fills. When it is absent the tests are skipped with a message, except in CI (environment
 * variable {@code CI} set), where they fail.
 *
 * @param process the running engine
 * @param url     the engine's URL, {@code http://127.0.0.1:PORT}
 * @param file    the database file the engine serves
 */
public record TursoEngine(Process process, String url, Path file) implements AutoCloseable {
    private static final List<String> NPM_BINARIES = List.of("cli-linux-x64-gnu", "cli-linux-arm64-gnu",
            "cli-darwin-arm64", "cli-darwin-x64");

    /** Starts an engine on a fresh database file in {@code dir}; skips (or, in CI, fails) when none is installed. */
    public static TursoEngine start(Path dir) throws IOException, InterruptedException {
        Path binary = requireBinary();
        Path file = dir.resolve("remote-" + System.nanoTime() + ".db");
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = dir.resolve("tursodb-" + port + ".log");
            Process process = new ProcessBuilder(binary.toString(), "-q", file.toString(), "--sync-server",
                    "127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String url = "http://127.0.0.1:" + port;
            if (awaitReady(process, url)) {
                return new TursoEngine(process, url, file);
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            System.err.println("tursodb did not start on port " + port + ": " + Files.readString(log));
        }
        throw new IllegalStateException("tursodb " + binary + " did not start");
    }

    /** The binary, or a skip (a failure in CI) with a visible message. */
    public static Path requireBinary() {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            String message = "tursodb not found (set TURSODB, put it on PATH, or run .ci/run which installs the npm "
                    + "package turso@0.6.0 into .ci/turso): Turso integration tests skipped";
            if (System.getenv("CI") != null) {
                fail("CI is set but " + message.replace(": Turso integration tests skipped", ""));
            }
            System.err.println("[SKIPPED] " + message);
            Assumptions.abort(message);
        }
        return binary.get();
    }

    public static Optional<Path> binary() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("breakwater.tursodb"));
        candidates.add(System.getenv("TURSODB"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(folder, "tursodb").toString());
            }
        }
        String root = System.getProperty("breakwater.root");
        for (Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String platform : NPM_BINARIES) {
                candidates.add(dir.resolve(".ci/turso/node_modules/@tursodatabase").resolve(platform).resolve("tursodb")
                        .toString());
            }
            if (root != null) {
                break;
            }
        }
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank() && !candidate.startsWith("${")) {
                Path p = Path.of(candidate);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean awaitReady(Process process, String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url + "/v2/pipeline"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"requests\":[{\"type\":\"execute\",\"stmt\":{\"sql\":\"SELECT 1\"}}]}"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    /** A port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
