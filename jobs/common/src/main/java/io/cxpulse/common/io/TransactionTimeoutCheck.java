package io.cxpulse.common.io;

import io.cxpulse.common.config.KafkaConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that the exactly-once sinks' {@code kafka.transaction-timeout} is within the
 * brokers' {@code transaction.max.timeout.ms}. A producer asking for more is refused by the
 * broker when it opens its first transaction; the job then fails and restarts over and over
 * (every few seconds, with nothing in the log that names the setting), so this says it once,
 * before anything runs.
 *
 * <p>Every broker is asked ({@code describeConfigs}), since any of them may coordinate a sink's
 * transactions, and the lowest limit counts. A principal not allowed to describe broker
 * configurations ({@code DescribeConfigs} on the cluster) skips the check with a warning:
 * the broker still enforces its limit.
 */
public final class TransactionTimeoutCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionTimeoutCheck.class);
    private static final String BROKER_LIMIT = "transaction.max.timeout.ms";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The transaction timeout is above a broker's limit: the message is one line that says what to change. */
    public static final class TooLongException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooLongException(String message) {
            super(message);
        }
    }

    private TransactionTimeoutCheck() {}

    /**
     * @throws TooLongException when {@code kafka.transaction-timeout} exceeds a broker's limit
     * @throws IllegalStateException when the brokers do not answer within 30 s
     */
    public static void verify(KafkaConfig kafka) {
        Properties p = kafka.clientProperties();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "cxpulse-start-check");
        try (Admin admin = Admin.create(p)) {
            Collection<Node> brokers = admin.describeCluster().nodes().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            List<ConfigResource> resources = brokers.stream()
                    .map(node -> new ConfigResource(ConfigResource.Type.BROKER, node.idString()))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            long limitMs = Long.MAX_VALUE;
            for (Config config : configs.values()) {
                ConfigEntry entry = config.get(BROKER_LIMIT);
                if (entry != null && entry.value() != null) {
                    limitMs = Math.min(limitMs, Long.parseLong(entry.value()));
                }
            }
            Duration wanted = kafka.transactionTimeout();
            if (limitMs != Long.MAX_VALUE && wanted.toMillis() > limitMs) {
                throw new TooLongException("kafka.transaction-timeout (" + readable(wanted)
                        + ") is above the broker's " + BROKER_LIMIT + " (" + limitMs + " ms = "
                        + readable(Duration.ofMillis(limitMs)) + "): lower kafka.transaction-timeout"
                        + " (keep it above checkpoints.interval) or raise the broker's limit");
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                LOG.warn("Cannot check kafka.transaction-timeout against the brokers' {}: not authorized to"
                        + " describe their configuration; the brokers still enforce it", BROKER_LIMIT);
                return;
            }
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " refused to describe its"
                    + " brokers (checking " + BROKER_LIMIT + "): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer within "
                    + PATIENCE.toSeconds() + " s (checking " + BROKER_LIMIT + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + BROKER_LIMIT, e);
        }
    }

    /** {@code 15 min}, {@code 1 h}, {@code 90 s}, {@code 1500 ms}: whichever unit divides it. */
    static String readable(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + " s";
        }
        return ms + " ms";
    }
}
