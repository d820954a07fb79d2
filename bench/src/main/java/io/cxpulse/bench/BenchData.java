package io.cxpulse.bench;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic, varied inputs for the benchmarks, generated from a fixed seed so that every run
 * measures the same records. The proportions (abandonment, transfers, CSAT and NPS spread, the
 * share of chats with angry customers) are those of a busy contact centre; the module README
 * states the resulting mix of good and poor experiences.
 *
 * <p>Generation is not measured: every benchmark builds its arrays in a {@code @Setup} method.
 */
final class BenchData {

    /** Records one benchmark invocation walks through; a power of two, large enough to defeat branch learning. */
    static final int BATCH = 4096;

    static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");

    static final String[] QUEUES = {"billing", "delivery", "returns", "technical", "sales", "vip"};
    static final String[] REASONS = {"refund", "delivery", "damaged", "billing", "account", "other"};
    static final String[] SUPPLIERS = {"WH-A", "WH-B", "WH-C", "WH-D", "WH-E", "WH-F"};
    static final int AGENTS = 60;
    static final int TEAMS = 8;
    static final int CUSTOMERS = 50_000;

    private BenchData() {}

    /**
     * {@code count} call events as a queue emits them: every call QUEUED, then ABANDONED (12%) or
     * ANSWERED, sometimes TRANSFERRED (once 10%, more 3%), then ENDED with a reason and a
     * resolution; the agent and team from ANSWERED on, an order id on 60% of calls.
     */
    static List<CallEvent> calls(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CallEvent> out = new ArrayList<>(count);
        Instant clock = NINE_AM;
        for (int call = 0; out.size() < count; call++) {
            String callId = "call-" + (100_000 + call);
            String customer = customer(random);
            String queue = pick(random, QUEUES);
            String orderId = random.nextInt(100) < 60 ? "ord-" + (500_000 + random.nextInt(400_000)) : null;
            clock = clock.plusMillis(random.nextInt(2_000));
            Instant at = clock;
            out.add(call(callId, "q", CallEventType.QUEUED, at, customer, queue, null, null, orderId).build());
            at = at.plus(waitTime(random));
            if (random.nextInt(100) < 12) {
                out.add(call(callId, "x", CallEventType.ABANDONED, at, customer, queue, null, null, orderId).build());
                continue;
            }
            int agent = random.nextInt(AGENTS);
            out.add(call(callId, "a", CallEventType.ANSWERED, at, customer, queue, agent(agent), team(agent), orderId)
                    .build());
            int transfers = transfers(random);
            for (int t = 0; t < transfers; t++) {
                at = at.plusSeconds(30 + random.nextInt(300));
                agent = random.nextInt(AGENTS);
                out.add(call(callId, "t" + t, CallEventType.TRANSFERRED, at, customer, queue, agent(agent),
                        team(agent), orderId).build());
            }
            at = at.plus(handleTime(random));
            out.add(call(callId, "e", CallEventType.ENDED, at, customer, queue, agent(agent), team(agent), orderId)
                    .setReason(pick(random, REASONS))
                    .setComplaint(random.nextInt(100) < 4)
                    .setResolved(random.nextInt(100) < 72)
                    .build());
        }
        return out.subList(0, count);
    }

    private static CallEvent.Builder call(String callId, String step, CallEventType type, Instant at, String customer,
            String queue, String agent, String team, String orderId) {
        return CallEvent.newBuilder()
                .setEventId(callId + "-" + step)
                .setCallId(callId)
                .setType(type)
                .setEventTime(at)
                .setCustomerId(customer)
                .setQueue(queue)
                .setAgentId(agent)
                .setTeamId(team)
                .setOrderId(orderId)
                .setComplaint(false);
    }

    /**
     * {@code count} finished calls and chats (70/30): 10% abandoned, transfers as in
     * {@link #calls}, a fifth of chats with angry messages and 3% with escalation words, 4%
     * with the complaint flag, 2% closed by the inactivity timeout.
     */
    static Interaction[] interactions(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Interaction[] out = new Interaction[count];
        for (int i = 0; i < count; i++) {
            boolean chat = random.nextInt(100) < 30;
            boolean abandoned = random.nextInt(100) < 10;
            boolean incomplete = !abandoned && random.nextInt(100) < 2;
            int agent = random.nextInt(AGENTS);
            Instant started = NINE_AM.plusSeconds(i * 3L);
            Duration wait = waitTime(random);
            Duration handle = abandoned || incomplete ? null : handleTime(random);
            Instant ended = started.plus(wait).plus(handle == null ? Duration.ZERO : handle);
            int negative = chat && random.nextInt(100) < 20 ? 1 + random.nextInt(3) : 0;
            List<String> escalation = chat && random.nextInt(100) < 3
                    ? (random.nextBoolean() ? List.of("complaint") : List.of("我要投诉", "manager"))
                    : List.of();
            out[i] = new Interaction(
                    (chat ? "chat-" : "call-") + (100_000 + i),
                    chat ? Interaction.Channel.CHAT : Interaction.Channel.VOICE,
                    customer(random),
                    pick(random, QUEUES),
                    abandoned ? null : agent(agent),
                    abandoned ? null : team(agent),
                    started,
                    ended,
                    wait,
                    handle,
                    abandoned ? 0 : transfers(random),
                    abandoned,
                    abandoned || incomplete ? null : random.nextInt(100) < 72,
                    random.nextInt(100) < 4,
                    pick(random, REASONS),
                    incomplete,
                    chat ? -0.2 * negative + 0.6 * random.nextDouble() - 0.2 : null,
                    negative,
                    escalation);
        }
        return out;
    }

    /**
     * {@code count} survey answers: CSAT 5/4/3/2/1 at 45/25/12/8/10%, NPS skewed the same way
     * (a detractor, 0–6, about a quarter of the time); 15% answer CSAT only, 10% NPS only.
     */
    static SurveyResponse[] surveys(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SurveyResponse[] out = new SurveyResponse[count];
        for (int i = 0; i < count; i++) {
            int which = random.nextInt(100);
            Integer csat = which < 90 ? csat(random) : null;
            Integer nps = which < 15 ? null : nps(random, csat);
            int agent = random.nextInt(AGENTS);
            out[i] = SurveyResponse.newBuilder()
                    .setEventId("survey-" + (100_000 + i))
                    .setInteractionId("call-" + (100_000 + i))
                    .setChannel(random.nextInt(100) < 70 ? Channel.VOICE : Channel.CHAT)
                    .setEventTime(NINE_AM.plusSeconds(i * 5L))
                    .setCustomerId(customer(random))
                    .setAgentId(agent(agent))
                    .setTeamId(team(agent))
                    .setCsat(csat)
                    .setNps(nps)
                    .setComment(csat != null && csat <= 2 ? "waited far too long and nobody called back" : null)
                    .build();
        }
        return out;
    }

    /** OPENED complaints, most about shipping, 80% with an order id. */
    static ComplaintEvent[] complaints(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ComplaintCategory[] categories = ComplaintCategory.values();
        ComplaintEvent[] out = new ComplaintEvent[count];
        for (int i = 0; i < count; i++) {
            out[i] = ComplaintEvent.newBuilder()
                    .setEventId("complaint-" + i + "-opened")
                    .setComplaintId("complaint-" + i)
                    .setType(ComplaintEventType.OPENED)
                    .setEventTime(NINE_AM.plusSeconds(i * 11L))
                    .setCustomerId(customer(random))
                    .setCategory(random.nextInt(100) < 55 ? ComplaintCategory.SHIPPING
                            : categories[random.nextInt(categories.length)])
                    .setOrderId(random.nextInt(100) < 80 ? "ord-" + (500_000 + random.nextInt(400_000)) : null)
                    .setChannel(random.nextInt(100) < 60 ? Channel.VOICE : Channel.CHAT)
                    .build();
        }
        return out;
    }

    /** SHIPPED shipments spread over the six suppliers by their volume. */
    static ShipmentEvent[] shipments(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ShipmentEvent[] out = new ShipmentEvent[count];
        for (int i = 0; i < count; i++) {
            out[i] = ShipmentEvent.newBuilder()
                    .setEventId("shipment-" + i)
                    .setOrderId("ord-" + (500_000 + i))
                    .setType(ShipmentEventType.SHIPPED)
                    .setEventTime(NINE_AM.plusSeconds(i * 2L))
                    .setCustomerId(customer(random))
                    .setSupplierId(SUPPLIERS[supplierByVolume(random)])
                    .build();
        }
        return out;
    }

    /**
     * One 24-hour window of one category: shipments and attributed complaints per supplier, in
     * hash maps as {@code SupplierCounts} holds them.
     */
    record SupplierWindow(Map<String, Long> shipments, Map<String, Long> complaints) {}

    /** Shipment shares of the six suppliers: one small one (3%, the seed case's WH-A) and five larger. */
    private static final double[] VOLUME_SHARES = {0.03, 0.27, 0.22, 0.20, 0.16, 0.12};

    /**
     * {@code count} windows of six suppliers: 5 000 to 60 000 shipments a day, a complaint rate
     * of 0.3% to 2%; in a quarter of the windows the small supplier draws four to nine times its
     * share, as in the seed case, so the tails are sometimes tiny and sometimes near 1.
     */
    static SupplierWindow[] supplierWindows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SupplierWindow[] out = new SupplierWindow[count];
        for (int w = 0; w < count; w++) {
            long totalShipments = 5_000 + random.nextInt(55_000);
            long totalComplaints = Math.max(6, Math.round(totalShipments * (0.003 + 0.017 * random.nextDouble())));
            boolean outlier = random.nextInt(4) == 0;
            double[] complaintShares = VOLUME_SHARES.clone();
            if (outlier) {
                complaintShares[0] *= 4 + random.nextInt(6);
            }
            double sum = 0;
            for (double s : complaintShares) {
                sum += s;
            }
            Map<String, Long> shipments = new HashMap<>();
            Map<String, Long> complaints = new HashMap<>();
            for (int s = 0; s < SUPPLIERS.length; s++) {
                double jitter = 0.85 + 0.3 * random.nextDouble();
                shipments.put(SUPPLIERS[s], Math.max(1, Math.round(totalShipments * VOLUME_SHARES[s] * jitter)));
                complaints.put(SUPPLIERS[s], Math.round(totalComplaints * complaintShares[s] / sum * jitter));
            }
            out[w] = new SupplierWindow(shipments, complaints);
        }
        return out;
    }

    private static int supplierByVolume(SplittableRandom random) {
        double u = random.nextDouble();
        for (int s = 0; s < VOLUME_SHARES.length - 1; s++) {
            u -= VOLUME_SHARES[s];
            if (u < 0) {
                return s;
            }
        }
        return VOLUME_SHARES.length - 1;
    }

    /** Mostly short, with a long tail: 60% under a minute, 10% over five minutes. */
    private static Duration waitTime(SplittableRandom random) {
        int bucket = random.nextInt(100);
        if (bucket < 60) {
            return Duration.ofSeconds(random.nextInt(60));
        }
        if (bucket < 90) {
            return Duration.ofSeconds(60 + random.nextInt(240));
        }
        return Duration.ofSeconds(300 + random.nextInt(900));
    }

    private static Duration handleTime(SplittableRandom random) {
        return Duration.ofSeconds(120 + random.nextInt(900));
    }

    private static int transfers(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 87 ? 0 : r < 97 ? 1 : r < 99 ? 3 : 5;
    }

    private static int csat(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 45 ? 5 : r < 70 ? 4 : r < 82 ? 3 : r < 90 ? 2 : 1;
    }

    /** NPS follows CSAT where there is one, so a 1-star answer is usually also a detractor. */
    private static int nps(SplittableRandom random, Integer csat) {
        int base = csat == null ? 1 + random.nextInt(5) : csat;
        return Math.max(0, Math.min(10, base * 2 + random.nextInt(3) - 1));
    }

    private static String customer(SplittableRandom random) {
        return "C" + (10_000 + random.nextInt(CUSTOMERS));
    }

    private static String agent(int agent) {
        return "agent-" + agent;
    }

    private static String team(int agent) {
        return "team-" + (agent % TEAMS);
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
    /** What customers write in a contact centre's chat, in English and Chinese, calm, unhappy and angry. */
    private static final String[] CHAT_MESSAGES = {
        "Hi, I'd like to check the status of my order 8841-2203 please",
        "It was supposed to arrive on Monday and it's still not here",
        "ok thanks, that helps",
        "This is the third time I'm contacting you about this, it's ridiculous",
        "I want to speak to a manager right now",
        "not bad, but the delivery took way too long",
        "Can you tell me when the refund will be processed?",
        "terrible service, I will cancel my account and tell everyone",
        "No problem, thank you for your help!",
        "the parcel arrived damaged and nobody answers my emails",
        "Great, that's exactly what I needed. Have a nice day",
        "I've been waiting for 40 minutes, this is a waste of time",
        "你好，我想查一下我的订单到哪里了",
        "已经等了一个星期了，还是没有收到",
        "好的，谢谢，没有问题",
        "你们的服务太差了，我要投诉",
        "这是第三次打电话了，还是没解决",
        "东西不错，就是快递有点慢",
        "我要退款，不然我就去12315投诉",
        "客服态度很好，很满意",
        "不好意思，请问发票怎么开？",
        "包裹坏了，里面的东西也摔碎了，太失望了",
        "能不能快点处理？我不想再等了",
        "请问你们的营业时间是几点到几点",
    };

    /** {@code count} chat messages drawn from a fixed list: 12 English, 12 Chinese, a third of them unhappy. */
    static String[] chatMessages(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] messages = new String[count];
        for (int i = 0; i < count; i++) {
            messages[i] = CHAT_MESSAGES[random.nextInt(CHAT_MESSAGES.length)];
        }
        return messages;
    }
}
