package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes a complaint's lifecycle: OPENED, ESCALATED to level 2 for some (after 1–3 h), RESOLVED
 * after 2–10 h and CLOSED a day later. Events past the simulation's horizon are dropped by
 * the generator, as a run that stops mid-lifecycle would.
 */
final class ComplaintModel {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final Schedule schedule;
    private final SplittableRandom random;
    private long complaints;

    ComplaintModel(Schedule schedule, SplittableRandom random) {
        this.schedule = schedule;
        this.random = random;
    }

    void open(long at, String customerId, ComplaintCategory category, String orderId, String interactionId,
            Channel channel) {
        String id = "cmp-" + ++complaints;
        add(id, ComplaintEventType.OPENED, at, customerId, category, orderId, interactionId, channel, 1);
        long resolvedAt = at + 2 * HOUR + random.nextLong(8 * HOUR);
        if (random.nextDouble() < 0.15) {
            long escalatedAt = at + HOUR + random.nextLong(2 * HOUR);
            add(id, ComplaintEventType.ESCALATED, escalatedAt, customerId, category, orderId, interactionId, channel, 2);
            resolvedAt = Math.max(resolvedAt, escalatedAt + HOUR);
        }
        add(id, ComplaintEventType.RESOLVED, resolvedAt, customerId, category, orderId, interactionId, channel, null);
        add(id, ComplaintEventType.CLOSED, resolvedAt + 24 * HOUR, customerId, category, orderId, interactionId, channel,
                null);
    }

    /** A complaint sent by email, web form or SMS, not raised in a call or chat. */
    void openDirect(long at, String customerId, ComplaintCategory category, String orderId) {
        double u = random.nextDouble();
        open(at, customerId, category, orderId, null, u < 0.5 ? Channel.EMAIL : u < 0.85 ? Channel.WEB : Channel.SMS);
    }

    private void add(String id, ComplaintEventType type, long at, String customerId, ComplaintCategory category,
            String orderId, String interactionId, Channel channel, Integer level) {
        ComplaintEvent e = ComplaintEvent.newBuilder()
                .setEventId(id + "-" + type.name().toLowerCase(Locale.ROOT))
                .setComplaintId(id)
                .setType(type)
                .setEventTime(Instant.ofEpochMilli(at))
                .setCustomerId(customerId)
                .setCategory(category)
                .setOrderId(orderId)
                .setInteractionId(interactionId)
                .setChannel(channel)
                .setLevel(level)
                .setOwnerTeam(null)
                .setText(null)
                .build();
        schedule.add(InputTopic.COMPLAINTS, e, at);
    }
}
