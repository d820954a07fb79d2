package io.cxpulse.console;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.console.auth.Authenticator;
import io.cxpulse.console.auth.SessionTokens;
import io.cxpulse.console.kafka.ActionWriter;
import io.cxpulse.console.kafka.TopicReader;
import io.cxpulse.console.web.StreamHub;
import io.cxpulse.console.web.WebServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console, started: it reads the alerts, metrics, supplier-share and alert-action
 * topics back into memory ({@link ConsoleState}), then serves the pages, the JSON API and the
 * event streams. {@link #start} returns once what the topics held at start has been read, so
 * the first page already shows it. {@link #close} stops everything it started.
 */
public final class Console implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    /** How long {@link #start} waits for the topics to be read back. */
    public static final Duration CATCH_UP = Duration.ofMinutes(5);

    private final TopicReader reader;
    private final ActionWriter actions;
    private final StreamHub hub;
    private final WebServer web;
    private final String url;

    private Console(TopicReader reader, ActionWriter actions, StreamHub hub, WebServer web, String url) {
        this.reader = reader;
        this.actions = actions;
        this.hub = hub;
        this.web = web;
        this.url = url;
    }

    public static Console start(CxPulseConfig config, ConsoleConfig console) throws Exception {
        ConsoleState state = new ConsoleState(console, Clock.systemUTC());
        StreamHub hub = new StreamHub(state, 4);
        TopicReader reader = new TopicReader(config, state);
        ActionWriter actions = null;
        WebServer web = null;
        try {
            reader.start();
            if (!reader.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("the console could not read its topics from Kafka at "
                        + config.kafka().bootstrapServers() + " (see the log)");
            }
            actions = new ActionWriter(config);
            byte[] key;
            if (console.sessionKey() == null) {
                LOG.warn("console.session-key is not set: a random one signs sessions, so a restart signs everyone out"
                        + " and several console instances do not share sessions");
                key = SessionTokens.randomKey();
            } else {
                key = console.sessionKey().getBytes(StandardCharsets.UTF_8);
            }
            if (console.auth() == ConsoleConfig.AuthMode.PASSWORD && console.users().isEmpty()) {
                LOG.warn("console.users is empty: nobody can sign in (console/README.md shows how to add users)");
            }
            Authenticator auth = new Authenticator(console, new SessionTokens(key, console.sessionTimeout()));
            web = new WebServer(state, auth, hub, actions, reader);
            int port = web.start(console.bind(), console.port());
            String host = console.bind().contains(":") ? "[" + console.bind() + "]" : console.bind();
            return new Console(reader, actions, hub, web, "http://" + host + ":" + port + "/");
        } catch (Exception | Error e) {
            if (web != null) {
                web.close();
            }
            if (actions != null) {
                actions.close();
            }
            hub.close();
            reader.close();
            throw e;
        }
    }

    /** Where the console listens: {@code http://HOST:PORT/}. */
    public String url() {
        return url;
    }

    /** Records skipped per topic because they could not be decoded. */
    public java.util.Map<String, Long> undecodable() {
        return reader.undecodable();
    }

    @Override
    public void close() throws Exception {
        hub.close(); // ends the streams while the server can still complete them
        web.close();
        reader.close();
        actions.close();
    }
}
