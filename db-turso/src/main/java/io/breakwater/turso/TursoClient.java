package io.breakwater.turso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Words;
import io.breakwater.turso.internal.HranaJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for a remote Turso (libSQL) database over its HTTP API: Hrana over HTTP, {@code POST /v2/pipeline}
 * with {@code execute} and {@code batch} requests and typed values. Immutable and thread-safe.
 *
 * <p>Transactions are sent as one {@code batch} request ({@code BEGIN}, the statements, {@code COMMIT}, and a
 * {@code ROLLBACK} that runs when the commit did not), so no transaction ever stays open between two HTTP requests.
 * When a server answers with a baton (an open stream, as a Turso server does), the client closes that stream at
 * once with a {@code close} request carrying the baton, to the {@code base_url} the server named if any.
 *
 * <p>The bearer token is passed in by the caller (the CLI reads it from an environment variable); it is sent in the
 * {@code Authorization} header only, never logged, and {@link #toString()} does not show it.
 *
 * <pre>{@code
 * TursoClient remote = TursoClient.builder("libsql://mydb-me.turso.io").authToken(token).build();
 * long n = remote.execute(HranaStatement.of("SELECT count(*) FROM pipes")).singleValue() ...
 * }</pre>
 */
public final class TursoClient {
    private static final Logger LOG = LoggerFactory.getLogger(TursoClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest wait for a connection: a shorter request timeout shortens it too. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final URI baseUri;
    private final String authToken;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final HttpClient http;

    private TursoClient(Builder builder, URI baseUri) {
        this.url = builder.url;
        this.baseUri = baseUri;
        this.authToken = builder.authToken;
        this.timeout = builder.timeout;
        this.connectTimeout = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * A builder for the database at {@code url}: {@code libsql://HOST[:PORT]} (spoken as HTTPS),
     * {@code https://HOST[:PORT][/PATH]} or {@code http://HOST:PORT[/PATH]}.
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The URL as given, for messages. */
    public String url() {
        return url;
    }

    /** Whether a token will be sent. */
    public boolean hasAuthToken() {
        return authToken != null;
    }

    /** Runs one statement outside any explicit transaction. */
    public HranaResult execute(HranaStatement statement) {
        ObjectNode request = JSON.createObjectNode();
        request.put("type", "execute");
        request.set("stmt", HranaJson.statement(JSON, statement));
        JsonNode result = pipeline(List.of(request)).get(0);
        JsonNode response = okResponse(result, statement);
        return HranaJson.result(response.path("result"));
    }

    /**
     * Runs {@code statements} in one transaction, in one HTTP request: all of them are committed, or none.
     *
     * @return each statement's result, in order
     * @throws BreakwaterException {@link ErrorCode#REMOTE_FAILURE} naming the first statement that failed
     */
    public List<HranaResult> transaction(List<HranaStatement> statements) {
        List<ObjectNode> steps = new ArrayList<>();
        steps.add(step(HranaStatement.of("BEGIN"), null));
        for (HranaStatement statement : statements) {
            steps.add(step(statement, okCondition(steps.size() - 1)));
        }
        int commit = steps.size();
        steps.add(step(HranaStatement.of("COMMIT"), okCondition(commit - 1)));
        ObjectNode notCommitted = JSON.createObjectNode();
        notCommitted.put("type", "not");
        notCommitted.set("cond", okCondition(commit));
        steps.add(step(HranaStatement.of("ROLLBACK"), notCommitted));

        ObjectNode request = JSON.createObjectNode();
        request.put("type", "batch");
        ArrayNode stepArray = request.putObject("batch").putArray("steps");
        steps.forEach(stepArray::add);
        JsonNode response = okResponse(pipeline(List.of(request)).get(0), null).path("result");
        JsonNode errors = response.path("step_errors");
        JsonNode results = response.path("step_results");
        for (int i = 0; i < steps.size() - 1; i++) {
            JsonNode error = errors.path(i);
            if (!error.isMissingNode() && !error.isNull()) {
                String where = i == 0 ? "BEGIN" : i == commit ? "COMMIT"
                        : "'" + statements.get(i - 1).describe() + "'";
                throw new BreakwaterException(ErrorCode.REMOTE_FAILURE, "Turso database " + url
                        + " refused " + where + ": " + errorText(error) + "; the transaction was rolled back");
            }
        }
        if (results.path(commit).isNull() || results.path(commit).isMissingNode()) {
            throw new BreakwaterException(ErrorCode.REMOTE_FAILURE,
                    "Turso database " + url + " did not commit the transaction; it was rolled back");
        }
        List<HranaResult> out = new ArrayList<>(statements.size());
        for (int i = 1; i <= statements.size(); i++) {
            out.add(HranaJson.result(results.path(i)));
        }
        return out;
    }

    private ObjectNode step(HranaStatement statement, ObjectNode condition) {
        ObjectNode step = JSON.createObjectNode();
        step.set("stmt", HranaJson.statement(JSON, statement));
        if (condition != null) {
            step.set("condition", condition);
        }
        return step;
    }

    private static ObjectNode okCondition(int step) {
        ObjectNode condition = JSON.createObjectNode();
        condition.put("type", "ok");
        condition.put("step", step);
        return condition;
    }

    private JsonNode okResponse(JsonNode result, HranaStatement statement) {
        if ("ok".equals(result.path("type").asText())) {
            return result.path("response");
        }
        String what = statement == null ? "the request" : "'" + statement.describe() + "'";
        throw new BreakwaterException(ErrorCode.REMOTE_FAILURE,
                "Turso database " + url + " refused " + what + ": " + errorText(result.path("error")));
    }

    private String errorText(JsonNode error) {
        String message = redact(error.path("message").asText("unknown error")).replaceAll("\\s*\\R\\s*", " ").trim();
        String code = error.path("code").asText("");
        return code.isEmpty() ? message : message + " (" + code + ")";
    }

    /** Sends one pipeline request and returns its {@code results}; closes the stream when the server opened one. */
    private List<JsonNode> pipeline(List<ObjectNode> requests) {
        ObjectNode body = JSON.createObjectNode();
        body.putNull("baton");
        ArrayNode array = body.putArray("requests");
        requests.forEach(array::add);
        JsonNode answer = post(baseUri, body);
        JsonNode results = answer.path("results");
        if (!results.isArray() || results.size() != requests.size()) {
            throw new BreakwaterException(ErrorCode.REMOTE_FAILURE, "Turso database " + url
                    + " answered without the expected " + requests.size() + " result(s): not a Hrana v2 server?");
        }
        String baton = answer.path("baton").isTextual() ? answer.path("baton").asText() : null;
        if (baton != null) {
            closeStream(answer, baton);
        }
        List<JsonNode> out = new ArrayList<>();
        results.forEach(out::add);
        return out;
    }

    private void closeStream(JsonNode answer, String baton) {
        URI target = baseUri;
        String baseUrl = answer.path("base_url").isTextual() ? answer.path("base_url").asText() : null;
        if (baseUrl != null && !baseUrl.isBlank()) {
            target = baseUri(baseUrl);
        }
        ObjectNode close = JSON.createObjectNode();
        close.put("baton", baton);
        close.putArray("requests").addObject().put("type", "close");
        try {
            post(target, close);
        } catch (BreakwaterException e) {
            // the server expires an idle stream by itself; a failed close loses nothing
            LOG.debug("closing the Hrana stream on {} failed: {}", url, e.getMessage());
        }
    }

    private JsonNode post(URI base, ObjectNode body) {
        URI target = base.resolve("v2/pipeline");
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(HranaJson.bytes(JSON, body)));
        if (authToken != null) {
            request.header("Authorization", "Bearer " + authToken);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + timeoutText(connectTimeout), e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + timeoutText(timeout), e);
        } catch (IOException e) {
            throw unreachable(describeIo(e), e);
        } catch (UnresolvedAddressException e) {
            throw unreachable("unknown host " + target.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BreakwaterException(ErrorCode.REMOTE_FAILURE, "interrupted while waiting for " + url, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String text = redact(new String(response.body(), StandardCharsets.UTF_8))
                    .replaceAll("\\s*\\R\\s*", " ").trim();
            if (text.length() > 200) {
                text = text.substring(0, 197) + "...";
            }
            String hint = status == 401 || status == 403 ? " (check the auth token)"
                    : status == 404 ? " (is this the database's URL? expected a Hrana over HTTP endpoint /v2/pipeline)"
                    : "";
            throw new BreakwaterException(ErrorCode.REMOTE_FAILURE, "Turso database " + url + " answered HTTP "
                    + status + hint + (text.isEmpty() ? "" : ": " + text));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.REMOTE_FAILURE,
                    "Turso database " + url + " answered something that is not JSON: not a Hrana over HTTP server?", e);
        }
    }

    /** {@code text} with the token (and any bearer credential) masked: a server may echo what it was sent. */
    String redact(String text) {
        String out = authToken == null ? text : text.replace(authToken, "***");
        return out.replaceAll("(?i)(bearer\\s+)[^\\s\"',;]+", "$1***");
    }

    private BreakwaterException unreachable(String why, Throwable cause) {
        if (why.equals("unknown host")) {
            why = "unknown host " + baseUri.getHost();
        }
        return new BreakwaterException(ErrorCode.REMOTE_FAILURE, "cannot reach Turso database " + url + ": " + why,
                cause);
    }

    private static String describeIo(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s*\\R\\s*", " "));
    }

    private static String timeoutText(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static URI baseUri(String url) {
        String text = url.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("libsql://")) {
            text = "https://" + text.substring("libsql://".length());
        } else if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "remote database URL '" + url
                    + "' is not supported: expected libsql://HOST, https://HOST[:PORT] or http://HOST:PORT");
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new URISyntaxException(text, "no host");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(text, "a query or fragment is not expected");
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (!path.endsWith("/")) {
                path = path + "/";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "remote database URL '" + url + "' is not a valid URL: " + e.getReason(), e);
        }
    }

    /** Shows the URL only: the token is never part of a string. */
    @Override
    public String toString() {
        return "TursoClient[" + url + (authToken == null ? ", no token" : ", token=***") + "]";
    }

    /** Builds a {@link TursoClient}; validated in {@link #build()}. */
    public static final class Builder {
        private final String url;
        private String authToken;
        private Duration timeout = Duration.ofSeconds(60);
        private boolean plainHttp;

        private Builder(String url) {
            this.url = url;
        }

        /** The bearer token; {@code null} or blank sends none (a local {@code tursodb} needs none). */
        public Builder authToken(String token) {
            this.authToken = Words.optional(token);
            return this;
        }

        /**
         * Allows sending the token over plain {@code http://} to a host other than this machine (by default a token
         * goes over plain http only to loopback, as to a local {@code tursodb}).
         */
        public Builder allowPlainHttp(boolean allow) {
            this.plainHttp = allow;
            return this;
        }

        /** How long one HTTP request may take (default 60 s); a connection is waited for at most 10 s of it. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public TursoClient build() {
            if (url == null || url.isBlank()) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "remote database URL is empty: expected libsql://HOST or http(s)://HOST:PORT");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "the request timeout must be positive, got " + timeoutText(timeout));
            }
            URI base = baseUri(url);
            if (authToken != null && "http".equalsIgnoreCase(base.getScheme()) && !plainHttp && !loopback(base)) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "refusing to send the auth token over "
                        + "plain http to " + base.getHost() + ": use https:// (or libsql://), or allow plain http "
                        + "explicitly for this host");
            }
            return new TursoClient(this, base);
        }

        private static boolean loopback(URI uri) {
            String host = uri.getHost().replace("[", "").replace("]", "");
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            try {
                return host.matches("[0-9.:a-fA-F]+") && java.net.InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "TursoClient.Builder[" + url + (authToken == null ? "" : ", token=***") + "]";
        }
    }
}
