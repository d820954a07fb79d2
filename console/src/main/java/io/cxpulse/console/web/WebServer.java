package io.cxpulse.console.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.console.ConsoleConfig.AuthMode;
import io.cxpulse.console.ConsoleState;
import io.cxpulse.console.auth.Authenticator;
import io.cxpulse.console.auth.Authenticator.Principal;
import io.cxpulse.console.auth.LoginThrottle;
import io.cxpulse.console.kafka.ActionWriter;
import io.cxpulse.console.kafka.TopicReader;
import io.cxpulse.console.logic.ActionCheck;
import io.cxpulse.console.logic.ActionRequest;
import io.cxpulse.console.logic.AlertFilter;
import io.cxpulse.console.logic.Episode;
import io.cxpulse.console.logic.User;
import io.cxpulse.schema.Dimension;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP side on Javalin (Jetty 12): the pages, their static files, the JSON API
 * under {@code /api/} and the event streams. Every {@code /api/} route except sign-in and the
 * health check needs a session (401 otherwise); changes need the session's CSRF token in the
 * {@code X-CSRF-Token} header (403 otherwise). Team scoping is applied by {@link ConsoleState}
 * and {@link StreamHub} for every answer. Responses carry a strict Content-Security-Policy (no
 * inline script, nothing from elsewhere) and are never cached.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final int MAX_BODY = 4096;
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "cxpulse.principal";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    private static final Duration ACTION_READ_BACK = Duration.ofSeconds(5);

    private static final ObjectMapper STRICT = strictMapper();

    /** A JSON reader that takes exactly the fields asked for, of the types asked for: {@code "note": 5} is refused. */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.Array, CoercionInputShape.Object}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** The sign-in body. */
    record SignIn(String user, String password) {}

    private final ConsoleState state;
    private final Authenticator auth;
    private final StreamHub hub;
    private final ActionWriter actions;
    private final TopicReader reader;
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5));
    private final Object actionLock = new Object();
    private final Map<String, byte[]> pages;
    private final Javalin app;

    public WebServer(ConsoleState state, Authenticator auth, StreamHub hub, ActionWriter actions, TopicReader reader) {
        this.state = state;
        this.auth = auth;
        this.hub = hub;
        this.actions = actions;
        this.reader = reader;
        this.pages = Map.of("feed", resource("feed.html"), "operations", resource("operations.html"),
                "login", resource("login.html"));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/io/cxpulse/console/web/static";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            config.routes.before(this::securityHeaders);
            config.routes.before("/api/*", this::authenticateApi);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            config.routes.get("/", ctx -> page(ctx, "feed", false));
            config.routes.get("/operations", ctx -> page(ctx, "operations", true));
            config.routes.get("/login", this::loginPage);
            config.routes.get("/api/health", this::health);
            config.routes.post("/api/session", this::signIn);
            config.routes.delete("/api/session", this::signOut);
            config.routes.get("/api/me", this::me);
            config.routes.get("/api/status", this::status);
            config.routes.get("/api/alerts", this::alerts);
            config.routes.get("/api/alerts/{id}", this::episode);
            config.routes.post("/api/alerts/{id}/actions", this::act);
            config.routes.get("/api/metrics", this::metrics);
            config.routes.get("/api/supplier-shares", this::supplierShares);
            config.routes.sse("/api/stream", sse -> hub.openFeed(sse, principal(sse.ctx()).user(),
                    sse.ctx().attribute("filter"), lastEventId(sse.ctx())));
            config.routes.sse("/api/operations/stream", sse -> hub.openOperations(sse, principal(sse.ctx()).user()));
        });
    }

    /** Starts listening; returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private void authenticateApi(Context ctx) {
        String path = ctx.path();
        if (path.equals("/api/health") || (path.equals("/api/session") && ctx.method().name().equals("POST"))) {
            return;
        }
        Principal principal = auth.authenticate(request(ctx), Instant.now()).orElseThrow(ApiError::unauthorized);
        ctx.attribute(PRINCIPAL, principal);
        if (path.equals("/api/stream")) {
            ctx.attribute("filter", filter(ctx));
        } else if (path.equals("/api/operations/stream") && !principal.user().seesOperations()) {
            throw new ApiError(403, "the operations view is for the operations role");
        }
        if (!ctx.method().name().equals("GET") && !auth.tokens().csrfMatches(principal.csrfNonce(),
                ctx.header(CSRF_HEADER))) {
            throw new ApiError(403, "missing or wrong CSRF token (" + CSRF_HEADER + ")");
        }
    }

    private static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw ApiError.unauthorized();
        }
        return p;
    }

    private static AlertFilter filter(Context ctx) {
        try {
            return AlertFilter.parse(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    private static String lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        return header != null ? header : ctx.queryParam("last_event_id");
    }

    private Authenticator.Request request(Context ctx) {
        return new Authenticator.Request() {
            @Override
            public String cookie(String name) {
                return ctx.cookie(name);
            }

            @Override
            public String header(String name) {
                return ctx.header(name);
            }

            @Override
            public String remoteAddress() {
                return ctx.req().getRemoteAddr();
            }
        };
    }

    private void page(Context ctx, String name, boolean operations) {
        Optional<Principal> principal = auth.authenticate(request(ctx), Instant.now());
        if (principal.isEmpty()) {
            if (auth.mode() == AuthMode.PROXY) {
                error(ctx, 401, "not signed in: the console expects a trusted proxy to name the user");
                return;
            }
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        if (operations && !principal.get().user().seesOperations()) {
            ctx.status(403).contentType("text/plain; charset=utf-8")
                    .result("The operations view is for the operations role.");
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(pages.get(name));
    }

    private void loginPage(Context ctx) {
        if (auth.mode() == AuthMode.PROXY) {
            ctx.redirect("/");
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(pages.get("login"));
    }

    private void health(Context ctx) {
        json(ctx, 200, "{\"status\":\"" + (reader.caughtUp() ? "UP" : "STARTING") + "\"}");
    }

    private void signIn(Context ctx) {
        if (auth.mode() != AuthMode.PASSWORD) {
            throw new ApiError(404, "sign-in is by the proxy");
        }
        SignIn body = parse(ctx, SignIn.class);
        if (body.user() == null || body.password() == null || body.password().length() > 200) {
            throw new ApiError(400, "user and password needed");
        }
        Instant now = Instant.now();
        String byName = "user:" + body.user().toLowerCase(Locale.ROOT);
        String byAddress = "ip:" + ctx.req().getRemoteAddr();
        if (!throttle.allowed(byName, now) || !throttle.allowed(byAddress, now)) {
            throw new ApiError(429, "too many failed sign-ins; wait a few minutes");
        }
        Optional<User> user = auth.signIn(body.user(), body.password().toCharArray());
        if (user.isEmpty()) {
            throttle.failed(byName, now);
            throttle.failed(byAddress, now);
            LOG.info("failed sign-in from {}", ctx.req().getRemoteAddr());
            throw new ApiError(401, "wrong user name or password");
        }
        throttle.succeeded(byName);
        String token = auth.tokens().issue(user.get().name(), now);
        Cookie cookie = new Cookie(Authenticator.COOKIE, token, "/", (int) auth.tokens().timeout().toSeconds(),
                state.config().secureCookies(), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        String nonce = auth.tokens().verify(token, now).orElseThrow().nonce();
        json(ctx, 200, Json.write(me(new Principal(user.get(), nonce))));
    }

    private void signOut(Context ctx) {
        principal(ctx);
        ctx.cookie(new Cookie(Authenticator.COOKIE, "", "/", 0, state.config().secureCookies(), true, null,
                SameSite.STRICT));
        ctx.status(204);
    }

    private void me(Context ctx) {
        json(ctx, 200, Json.write(me(principal(ctx))));
    }

    private ObjectNode me(Principal p) {
        ObjectNode n = Json.object();
        n.put("user", p.user().name());
        p.user().roles().stream().map(Enum::name).sorted().forEach(n.putArray("roles")::add);
        p.user().teams().stream().sorted().forEach(n.putArray("teams")::add);
        n.put("operations", p.user().seesOperations());
        n.put("auth", auth.mode().name());
        n.put("csrf_token", auth.tokens().csrfToken(p.csrfNonce()));
        n.put("resolved_linger_s", state.config().resolvedLinger().toSeconds());
        return n;
    }

    private void status(Context ctx) {
        principal(ctx);
        ObjectNode n = Json.object();
        n.put("caught_up", reader.caughtUp());
        n.putPOJO("records_read", reader.read());
        n.putPOJO("records_undecodable", reader.undecodable());
        n.putPOJO("held", state.sizes());
        n.put("stream_clients", hub.clients());
        n.put("stream_events_sent", hub.eventsSent());
        n.put("stream_clients_disconnected_slow", hub.disconnectedSlow());
        ObjectNode jvm = n.putObject("jvm");
        java.lang.management.MemoryUsage heap =
                java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        jvm.put("heap_used_bytes", heap.getUsed());
        jvm.put("heap_committed_bytes", heap.getCommitted());
        jvm.put("heap_max_bytes", heap.getMax());
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            jvm.put("process_cpu_seconds", os.getProcessCpuTime() / 1e9);
        }
        json(ctx, 200, Json.write(n));
    }

    private void alerts(Context ctx) {
        User user = principal(ctx).user();
        AlertFilter filter = filter(ctx);
        List<Episode> rows;
        long version;
        synchronized (state) {
            rows = state.feed(user, filter);
            version = state.version();
        }
        json(ctx, 200, "{\"version\":" + version + ",\"episodes\":" + Json.write(Json.rows(rows)) + "}");
    }

    private void episode(Context ctx) {
        User user = principal(ctx).user();
        Episode e = state.episode(ctx.pathParam("id"), user).orElseThrow(ApiError::notFound);
        json(ctx, 200, Json.write(Json.detail(e)));
    }

    private void act(Context ctx) throws InterruptedException {
        User user = principal(ctx).user();
        String id = ctx.pathParam("id");
        state.episode(id, user).orElseThrow(ApiError::notFound);
        ActionRequest request = parse(ctx, ActionRequest.class);
        synchronized (actionLock) {
            Episode e = state.episode(id, user).orElseThrow(ApiError::notFound);
            String actionId = UUID.randomUUID().toString();
            ActionCheck.Decision decision = ActionCheck.check(request, e, user, Instant.now(), actionId);
            if (decision instanceof ActionCheck.Refused refused) {
                throw new ApiError(refused.httpStatus(), refused.reason());
            }
            var readBack = state.awaitAction(actionId);
            try {
                actions.write(((ActionCheck.Accepted) decision).record(), ACTION_READ_BACK);
                Optional<Episode> after = readBack.get(ACTION_READ_BACK.toMillis(), TimeUnit.MILLISECONDS);
                json(ctx, 200, Json.write(Json.detail(after.orElse(e))));
            } catch (ActionWriter.ActionNotWrittenException failed) {
                LOG.warn("an action on an alert was not recorded: {}", failed.getMessage());
                throw new ApiError(503, "the action was not recorded (Kafka did not confirm it); try again");
            } catch (TimeoutException | ExecutionException slow) {
                json(ctx, 202, "{\"status\":\"recorded\",\"action_id\":\"" + actionId + "\"}");
            } finally {
                state.forgetAction(actionId);
            }
        }
    }

    private void metrics(Context ctx) {
        User user = principal(ctx).user();
        Dimension dimension;
        try {
            dimension = Dimension.valueOf(Optional.ofNullable(ctx.queryParam("dimension")).orElse("QUEUE")
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "dimension: one of ALL, QUEUE, TEAM");
        }
        if (!io.cxpulse.console.logic.MetricBoard.SHOWN.contains(dimension)) {
            throw new ApiError(400, "dimension: one of ALL, QUEUE, TEAM");
        }
        json(ctx, 200, "{\"metrics\":" + Json.write(Json.metrics(state.metrics(user, dimension))) + "}");
    }

    private void supplierShares(Context ctx) {
        if (!principal(ctx).user().seesOperations()) {
            throw new ApiError(403, "supplier shares are for the operations role");
        }
        json(ctx, 200, "{\"categories\":" + Json.write(Json.shares(state.supplierShares())) + "}");
    }

    /** Reads a JSON body of at most {@link #MAX_BODY} bytes into {@code type}; 400 for anything else. */
    private static <T> T parse(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(400, "send application/json");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) {
            throw new ApiError(400, "body larger than " + MAX_BODY + " bytes");
        }
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new ApiError(400, "cannot read the body");
        }
        if (body.length > MAX_BODY) {
            throw new ApiError(400, "body larger than " + MAX_BODY + " bytes");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw new ApiError(400, "empty body");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed JSON body: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new ApiError(400, "cannot read the body");
        }
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body);
    }

    private static void error(Context ctx, int status, String reason) {
        ObjectNode n = Json.object();
        n.put("error", reason);
        json(ctx, status, Json.write(n));
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream("/io/cxpulse/console/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing page " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
