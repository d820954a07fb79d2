package io.cxpulse.common.io;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Topics just created are written to only once the broker knows a leader for each partition. */
public final class TopicLeaders {

    private TopicLeaders() {}

    /**
     * Waits (up to 30 s) until the broker's metadata gives every partition of the new topics a
     * leader. A producer that writes to a partition the broker has not opened yet gets a
     * retriable error on its first batch, and an idempotent producer that then retries that
     * batch behind later ones is refused for good (OutOfOrderSequenceException) until its
     * delivery timeout: seen with topics written to right after their creation.
     */
    public static void await(Admin client, Collection<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ready;
            try {
                ready = client.describeTopics(topics).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException notYetKnown) {
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics created but without partition leaders after 30 s: " + topics);
            }
            Thread.sleep(100);
        }
    }
}
