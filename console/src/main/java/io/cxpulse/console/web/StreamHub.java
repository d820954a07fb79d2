package io.cxpulse.console.web;

import io.cxpulse.console.ConsoleState;
import io.cxpulse.console.logic.AlertFilter;
import io.cxpulse.console.logic.Episode;
import io.cxpulse.console.logic.Routing;
import io.cxpulse.console.logic.User;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes changes to browsers over Server-Sent Events.
 *
 * <p><b>Feed streams</b> ({@code /api/stream}): a browser first gets a {@code snapshot} of what it
 * may see with its filters, then an {@code episode} event for every change to an episode it may
 * see and that matches its filters, and a {@code remove} event when one it shows leaves (or stops
 * matching). Each event's id is {@code <instance>.<version>}. A browser that reconnects with its
 * last id (the {@code Last-Event-ID} header, or {@code last_event_id} when the page reconnects
 * by itself) to the same console instance gets the current state of each episode changed since,
 * from a bounded log of recent changes; anything else (another instance, a restart, a gap
 * longer than the log) gets a new snapshot. Rows are keyed by alert id, so nothing is lost or
 * doubled either way. Scoping and filters are applied here, on the server, per browser.
 *
 * <p><b>Operations streams</b> ({@code /api/operations/stream}): a {@code metrics} or
 * {@code shares} event at most once a second when they changed; the page then fetches them.
 *
 * <p>Each browser has its own queue, written by a small pool of sender threads, so a slow
 * browser delays no one else; one whose queue overflows is disconnected (it reconnects and
 * resumes). A comment every 15 s keeps proxies from closing idle streams.
 */
public final class StreamHub implements ConsoleState.Listener, AutoCloseable {

    static final int LOG_SIZE = 8192;
    static final int MAX_QUEUED = 5000;
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private record Logged(long version, String alertId, Routing routing) {}

    private final ConsoleState state;
    private final String instance;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Logged[] log = new Logged[LOG_SIZE];
    private long logged;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean metricsDirty = new AtomicBoolean();
    private final AtomicBoolean sharesDirty = new AtomicBoolean();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong disconnectedSlow = new AtomicLong();

    public StreamHub(ConsoleState state, int senderThreads) {
        this.state = state;
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        this.instance = HexFormat.of().formatHex(id);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(senderThreads, r -> daemon(r, "cxpulse-console-sse-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cxpulse-console-sse-timer"));
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::ping, 15, 15, TimeUnit.SECONDS);
        state.listen(this);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public int clients() {
        return clients.size();
    }

    public long eventsSent() {
        return eventsSent.get();
    }

    public long disconnectedSlow() {
        return disconnectedSlow.get();
    }

    /** Starts a feed stream for {@code user} with {@code filter}, resuming after {@code lastEventId} if it can. */
    public void openFeed(SseClient sse, User user, AlertFilter filter, String lastEventId) {
        Client client = new Client(sse, user, filter);
        sse.onClose(() -> client.close(false));
        client.offerRaw("retry: 2000\n\n");
        state.locked(() -> {
            Long resumeAfter = resumable(lastEventId);
            if (resumeAfter != null) {
                resume(client, resumeAfter);
            } else {
                snapshot(client);
            }
            clients.add(client);
            return null;
        });
        sse.keepAlive();
    }

    /** Starts an operations stream: change notices for metrics and supplier shares. */
    public void openOperations(SseClient sse, User user) {
        Client client = new Client(sse, user, null);
        sse.onClose(() -> client.close(false));
        client.offerRaw("retry: 2000\n\nevent: metrics\ndata: {}\n\nevent: shares\ndata: {}\n\n");
        clients.add(client);
        sse.keepAlive();
    }

    @Override
    public void changed(ConsoleState.Change change) {
        if (change instanceof ConsoleState.EpisodeChanged c) {
            episodeChanged(c.episode(), false);
        } else if (change instanceof ConsoleState.EpisodeRemoved r) {
            episodeChanged(r.episode(), true);
        } else if (change instanceof ConsoleState.MetricsChanged) {
            metricsDirty.set(true);
        } else if (change instanceof ConsoleState.SharesChanged) {
            sharesDirty.set(true);
        }
    }

    private void episodeChanged(Episode e, boolean removed) {
        log[(int) (logged++ % LOG_SIZE)] = new Logged(e.version(), e.alertId(), e.routing());
        String id = instance + "." + e.version();
        String update = removed ? null : frame("episode", id, Json.write(Json.row(e)));
        String remove = frame("remove", id, removal(e.alertId()));
        Instant now = state.clock().instant();
        for (Client c : clients) {
            if (c.filter == null || !state.visibility().canSee(c.user, e.routing())) {
                continue;
            }
            if (!removed && c.filter.matches(e, now, state.config().resolvedLinger())) {
                c.shown.add(e.alertId());
                c.offerRaw(update);
            } else if (c.shown.remove(e.alertId())) {
                c.offerRaw(remove);
            }
        }
    }

    private void snapshot(Client client) {
        List<Episode> rows = state.feed(client.user, client.filter);
        rows.forEach(e -> client.shown.add(e.alertId()));
        long version = state.version();
        String data = "{\"version\":" + version + ",\"episodes\":" + Json.write(Json.rows(rows)) + "}";
        client.offerRaw(frame("snapshot", instance + "." + version, data));
    }

    /** Sends the current state of every episode changed after {@code after}, once each. */
    private void resume(Client client, long after) {
        Map<String, Logged> changed = new LinkedHashMap<>();
        long first = Math.max(0, logged - LOG_SIZE);
        for (long i = first; i < logged; i++) {
            Logged l = log[(int) (i % LOG_SIZE)];
            if (l.version() > after) {
                changed.remove(l.alertId());
                changed.put(l.alertId(), l);
            }
        }
        Instant now = state.clock().instant();
        for (Logged l : changed.values()) {
            if (!state.visibility().canSee(client.user, l.routing())) {
                continue;
            }
            String id = instance + "." + l.version();
            Episode e = state.episode(l.alertId(), client.user).orElse(null);
            if (e != null && client.filter.matches(e, now, state.config().resolvedLinger())) {
                client.shown.add(e.alertId());
                client.offerRaw(frame("episode", id, Json.write(Json.row(e))));
            } else {
                client.offerRaw(frame("remove", id, removal(l.alertId())));
            }
        }
        client.offerRaw(frame("resumed", instance + "." + state.version(), "{\"version\":" + state.version() + "}"));
    }

    /** The version to resume after, if {@code lastEventId} is this instance's and the log still covers it. */
    private Long resumable(String lastEventId) {
        if (lastEventId == null || !lastEventId.startsWith(instance + ".")) {
            return null;
        }
        long version;
        try {
            version = Long.parseLong(lastEventId.substring(instance.length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (version > state.version()) {
            return null;
        }
        if (logged > LOG_SIZE) {
            Logged oldest = log[(int) (logged % LOG_SIZE)];
            if (oldest.version() > version + 1) {
                return null; // changes after it have left the log
            }
        }
        return version;
    }

    private void tick() {
        boolean metrics = metricsDirty.getAndSet(false);
        boolean shares = sharesDirty.getAndSet(false);
        if (!metrics && !shares) {
            return;
        }
        String frames = (metrics ? "event: metrics\ndata: {}\n\n" : "") + (shares ? "event: shares\ndata: {}\n\n" : "");
        for (Client c : clients) {
            if (c.filter == null && c.user.seesOperations()) {
                c.offerRaw(frames);
            }
        }
    }

    private void ping() {
        for (Client c : clients) {
            c.offer(PING);
        }
    }

    private static String removal(String alertId) {
        return "{\"alert_id\":" + Json.write(alertId) + "}";
    }

    private static String frame(String event, String id, String data) {
        return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        // The server's stop ends the connections: completing a stream here may meet a request
        // Jetty has already recycled.
        for (Client c : clients) {
            c.close(false);
        }
        senders.shutdownNow();
    }

    /** One browser's stream. */
    private final class Client {
        final SseClient sse;
        final User user;
        final AlertFilter filter;
        final Set<String> shown = new HashSet<>();
        final ConcurrentLinkedQueue<byte[]> outbox = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        Client(SseClient sse, User user, AlertFilter filter) {
            this.sse = sse;
            this.user = user;
            this.filter = filter;
        }

        void offerRaw(String frame) {
            offer(frame.getBytes(StandardCharsets.UTF_8));
        }

        void offer(byte[] frame) {
            if (closed.get()) {
                return;
            }
            if (queued.incrementAndGet() > MAX_QUEUED) {
                disconnectedSlow.incrementAndGet();
                close(true);
                return;
            }
            outbox.add(frame);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    senders.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    close(false);
                }
            }
        }

        private void drain() {
            try {
                OutputStream out = sse.ctx().res().getOutputStream(); // unbuffered, uncompressed
                while (true) {
                    int n = 0;
                    for (byte[] f; (f = outbox.poll()) != null; n++) {
                        queued.decrementAndGet();
                        out.write(f);
                    }
                    if (n > 0) {
                        out.flush();
                        eventsSent.addAndGet(n);
                    }
                    scheduled.set(false);
                    if (outbox.isEmpty() || !scheduled.compareAndSet(false, true)) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException gone) {
                scheduled.set(false);
                close(false); // the browser has gone; its request ends with the connection
            }
        }

        void close(boolean closeStream) {
            if (closed.compareAndSet(false, true)) {
                clients.remove(this);
                outbox.clear();
                if (closeStream && !sse.terminated()) {
                    try {
                        sse.close();
                    } catch (RuntimeException alreadyGone) {
                        // the browser left first
                    }
                }
            }
        }
    }
}
