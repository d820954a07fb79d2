package io.cxpulse.console;

import io.cxpulse.console.logic.AlertBook;
import io.cxpulse.console.logic.AlertFilter;
import io.cxpulse.console.logic.Episode;
import io.cxpulse.console.logic.MetricBoard;
import io.cxpulse.console.logic.MetricSeries;
import io.cxpulse.console.logic.ShareBoard;
import io.cxpulse.console.logic.SupplierShares;
import io.cxpulse.console.logic.User;
import io.cxpulse.console.logic.Visibility;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SupplierShare;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything the console knows, rebuilt from the topics at start and kept current by the topic
 * reader: the alert episodes with their actions, the latest metrics, the latest supplier shares.
 * One lock guards it; changes are announced to the {@link Listener} (the event stream) while it
 * is held, so a browser that subscribes under the same lock sees every change after its
 * snapshot, none twice.
 */
public final class ConsoleState {

    /** What changed. */
    public sealed interface Change permits EpisodeChanged, EpisodeRemoved, MetricsChanged, SharesChanged {}

    public record EpisodeChanged(Episode episode) implements Change {}

    /** An episode left the console (past the history horizon); {@code version} is the removal's. */
    public record EpisodeRemoved(Episode episode) implements Change {}

    public record MetricsChanged() implements Change {}

    public record SharesChanged() implements Change {}

    /** Told of every change, under the state's lock: must be quick and never block. */
    public interface Listener {
        void changed(Change change);
    }

    private final ConsoleConfig config;
    private final Clock clock;
    private final AlertBook book = new AlertBook(50);
    private final MetricBoard metrics;
    private final ShareBoard shares = new ShareBoard();
    private final Visibility visibility;
    private final Map<String, CompletableFuture<Optional<Episode>>> awaitedActions = new ConcurrentHashMap<>();
    private Listener listener = change -> {};

    public ConsoleState(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.metrics = new MetricBoard(config.metricHistory(), config.chartBucket());
        this.visibility = new Visibility(config.queueTeams(), config.queueAlertsToTeams());
    }

    public Clock clock() {
        return clock;
    }

    public ConsoleConfig config() {
        return config;
    }

    public Visibility visibility() {
        return visibility;
    }

    public synchronized void listen(Listener newListener) {
        this.listener = newListener;
    }

    public synchronized void accept(Alert alert) {
        book.apply(alert).ifPresent(e -> listener.changed(new EpisodeChanged(e)));
    }

    public synchronized void accept(AlertAction action) {
        Optional<Episode> changed = book.apply(action, clock.instant());
        changed.ifPresent(e -> listener.changed(new EpisodeChanged(e)));
        CompletableFuture<Optional<Episode>> waiting = awaitedActions.remove(action.getActionId());
        if (waiting != null) {
            waiting.complete(changed.isPresent() ? changed : book.get(action.getAlertId()));
        }
    }

    public synchronized void accept(MetricSnapshot snapshot) {
        if (metrics.apply(snapshot)) {
            listener.changed(new MetricsChanged());
        }
    }

    public synchronized void accept(SupplierShare share) {
        if (shares.apply(share)) {
            listener.changed(new SharesChanged());
        }
    }

    /** Completed with the episode once the action {@code actionId} has been read back from its topic. */
    public CompletableFuture<Optional<Episode>> awaitAction(String actionId) {
        return awaitedActions.computeIfAbsent(actionId, id -> new CompletableFuture<>());
    }

    public void forgetAction(String actionId) {
        awaitedActions.remove(actionId);
    }

    /** Drops what is past its horizon. */
    public synchronized void prune() {
        Instant horizon = clock.instant().minus(config.alertHistory());
        for (Episode removed : book.prune(horizon)) {
            listener.changed(new EpisodeRemoved(removed));
        }
        metrics.prune();
    }

    /** The episode, if {@code user} may see it. */
    public synchronized Optional<Episode> episode(String alertId, User user) {
        return book.get(alertId).filter(e -> visibility.canSee(user, e.routing()));
    }

    /** What {@code user} sees of the feed with {@code filter}, newest first. */
    public synchronized List<Episode> feed(User user, AlertFilter filter) {
        Instant now = clock.instant();
        return book.query(e -> visibility.canSee(user, e.routing())
                && filter.matches(e, now, config.resolvedLinger()), filter.limit());
    }

    public synchronized long version() {
        return book.version();
    }

    public synchronized List<MetricSeries> metrics(User user, Dimension dimension) {
        return metrics.view(dimension, value -> dimension != Dimension.TEAM
                || visibility.canSeeTeamMetrics(user, value));
    }

    public synchronized List<SupplierShares> supplierShares() {
        return shares.view();
    }

    /** Runs {@code work} under the state's lock: no change is announced meanwhile. */
    public synchronized <T> T locked(Supplier<T> work) {
        return work.get();
    }

    public synchronized Map<String, Integer> sizes() {
        return Map.of("episodes", book.size(), "metric_windows", metrics.size(), "supplier_shares", shares.size());
    }
}
