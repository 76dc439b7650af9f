package io.breakwater.turso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's protocol handling against a scripted HTTP endpoint (answers a real Turso server gives that a local
 * tursodb does not: batons, 401). The client against a real engine is covered by the integration tests.
 */
class TursoClientTests {
    private static final String OK_SELECT = """
            {"baton":%s,"base_url":%s,"results":[{"type":"ok","response":{"type":"execute","result":{
            "cols":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"}],
            "rows":[[{"type":"integer","value":"9007199254740993"},{"type":"float","value":0.1},
            {"type":"text","value":"é"},{"type":"null"}]],"affected_row_count":0}}}]}""";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private String serve(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            boolean close = bodies.get(bodies.size() - 1).contains("\"close\"");
            byte[] bytes = (close ? "{\"baton\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}"
                    : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void typedValuesTravelBothWaysAndTheTokenIsSentButNeverShown() throws Exception {
        String url = serve(200, OK_SELECT.formatted("null", "null"));
        TursoClient client = TursoClient.builder(url + "/db/").authToken("s3cr3t-token").build();

        HranaResult result = client.execute(HranaStatement.of("SELECT ?, ?, ?, ?", HranaValue.of(9007199254740993L),
                HranaValue.of(0.1), HranaValue.of("é"), HranaValue.NULL));

        assertThat(result.columns()).containsExactly("a", "b", "c", "d");
        assertThat(result.rows().get(0)).extracting(HranaValue::javaValue)
                .containsExactly(9007199254740993L, 0.1, "é", null);
        assertThat(bodies.get(0)).contains("{\"type\":\"integer\",\"value\":\"9007199254740993\"}")
                .contains("{\"type\":\"float\",\"value\":0.1}").contains("{\"type\":\"null\"}");
        assertThat(paths).containsExactly("/db/v2/pipeline");
        assertThat(auth).containsExactly("Bearer s3cr3t-token");
        assertThat(client.toString()).doesNotContain("s3cr3t").contains("token=***");
    }

    @Test
    void aBatonFromTheServerIsClosedAtTheBaseUrlItNames() throws Exception {
        String url = serve(200, OK_SELECT.formatted("\"baton-1\"", "null"));
        TursoClient client = TursoClient.builder(url).build();
        client.execute(HranaStatement.of("SELECT 1"));
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).contains("\"baton\":\"baton-1\"").contains("{\"type\":\"close\"}");
        assertThat(auth).containsOnly("null");
    }

    @Test
    void aRefusedTokenAndAServerErrorAreOneLineRemoteFailures() throws Exception {
        String url = serve(401, "{\"error\":\"Unauthorized: token\\nexpired\"}");
        assertThatThrownBy(() -> TursoClient.builder(url).authToken("bad").build().execute(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.REMOTE_FAILURE))
                .hasMessage("Turso database " + url + " answered HTTP 401 (check the auth token): "
                        + "{\"error\":\"Unauthorized: token\\nexpired\"}")
                .hasMessageNotContaining("bad");
    }

    @Test
    void anAnswerThatIsNotHranaIsAClearFailure() throws Exception {
        String url = serve(200, "<html>hello</html>");
        assertThatThrownBy(() -> TursoClient.builder(url).build().execute(HranaStatement.of("SELECT 1")))
                .hasMessage("Turso database " + url + " answered something that is not JSON: not a Hrana over HTTP server?");
    }

    @Test
    void anUnreachableHostIsARemoteFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> TursoClient.builder(url).build().execute(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.REMOTE_FAILURE))
                .hasMessage("cannot reach Turso database " + url + ": connection refused");
        assertThatThrownBy(() -> TursoClient.builder("libsql://no-such-host.invalid").build()
                .execute(HranaStatement.of("SELECT 1")))
                .hasMessage("cannot reach Turso database libsql://no-such-host.invalid: unknown host no-such-host.invalid");
    }

    @Test
    void urlsAreCheckedWhenTheClientIsBuilt() {
        assertThatThrownBy(() -> TursoClient.builder("ftp://x").build())
                .isInstanceOfSatisfying(BreakwaterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("expected libsql://HOST");
        assertThat(TursoClient.builder("libsql://db-me.turso.io").build().url()).isEqualTo("libsql://db-me.turso.io");
    }

    /** A server that echoes the credentials it got, in an HTTP error body and in a Hrana error: never shown. */
    @Test
    void anEchoingServerNeverGetsTheTokenIntoAMessage() throws Exception {
        String token = "eyJhbGciOiJFZERTQSJ9.secret-part.sig";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String got = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = ("unauthorized: got " + got + " (token " + token + ")").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        TursoClient client = TursoClient.builder("http://127.0.0.1:" + server.getAddress().getPort())
                .authToken(token).build();
        assertThatThrownBy(() -> client.execute(HranaStatement.of("SELECT 1"))).isInstanceOf(BreakwaterException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("HTTP 401", "unauthorized: got Bearer ***")
                        .doesNotContain(token).doesNotContain("secret-part"));
        assertThat(client.redact("{\"message\":\"bad auth Bearer abc.def\"}")).isEqualTo("{\"message\":\"bad auth Bearer ***\"}");
    }

    @Test
    void aTokenGoesOverPlainHttpOnlyToThisMachineUnlessAllowed() {
        assertThatThrownBy(() -> TursoClient.builder("http://db.example.com:8080").authToken("t0k3n").build())
                .isInstanceOf(BreakwaterException.class)
                .satisfies(e -> assertThat(((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("refusing to send the auth token over plain http to db.example.com");
        assertThat(TursoClient.builder("http://db.example.com:8080").authToken("t0k3n").allowPlainHttp(true).build()
                .hasAuthToken()).isTrue();
        assertThat(TursoClient.builder("http://127.0.0.1:8080").authToken("t0k3n").build().hasAuthToken()).isTrue();
        assertThat(TursoClient.builder("http://localhost:8080").authToken("t0k3n").build().hasAuthToken()).isTrue();
        assertThat(TursoClient.builder("http://db.example.com:8080").build().hasAuthToken()).as("no token, no risk").isFalse();
        assertThat(TursoClient.builder("libsql://db.example.com").authToken("t0k3n").build().hasAuthToken()).isTrue();
    }
}
