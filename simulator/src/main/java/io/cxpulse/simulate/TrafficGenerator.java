package io.cxpulse.simulate;

import io.cxpulse.schema.ComplaintCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The simulated input traffic as one stream in event-time order, the same for the same
 * settings. Contacts, orders and direct complaints arrive as Poisson processes whose rate
 * follows the {@link DailyCurve}; each arrival makes its whole lifecycle at once
 * ({@link ContactModel}, {@link OrderModel}, {@link ComplaintModel}) and the events wait in a
 * {@link Schedule} until the clock reaches them. Customers who were not helped come back.
 *
 * <p>Arrivals stop at the end of the run; events already made keep coming for another
 * {@link #DRAIN} (so the last contacts end and their surveys arrive), later ones (deliveries
 * days away, a complaint's closing) are dropped.
 */
public final class TrafficGenerator implements Iterator<SimEvent> {

    /**
     * @param start the simulated clock's first instant
     * @param duration how long contacts and orders keep arriving
     * @param scale multiplies every rate (1: about 1,000 contacts and 1,500 orders an hour at peak,
     *     some 12,000 events)
     * @param customers how many distinct customers there are
     */
    public record Settings(long seed, Instant start, Duration duration, double scale, int customers) {
        public Settings {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the simulation's duration must be positive");
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be positive");
            }
            if (customers < 1) {
                throw new IllegalArgumentException("there must be at least one customer");
            }
        }
    }

    /** How long after the last arrival the events already made are still sent. */
    public static final Duration DRAIN = Duration.ofHours(1);

    static final double CONTACTS_PER_HOUR = 1000;
    static final double ORDERS_PER_HOUR = 1500;
    static final Map<ComplaintCategory, Double> DIRECT_COMPLAINTS_PER_HOUR = Map.of(
            ComplaintCategory.SHIPPING, 4.0,
            ComplaintCategory.PRODUCT, 8.0,
            ComplaintCategory.BILLING, 5.0,
            ComplaintCategory.SERVICE, 4.0,
            ComplaintCategory.OTHER, 2.0);
    private static final double HOUR_MS = 3_600_000;

    private final Settings settings;
    private final World world;
    private final Incidents incidents;
    private final SplittableRandom random;
    private final Schedule schedule = new Schedule();
    private final ContactModel contacts;
    private final OrderModel orders;
    private final ComplaintModel complaints;
    private final PriorityQueue<ContactModel.Contact> comebacks =
            new PriorityQueue<>((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
    private final long endMs;
    private final long drainEndMs;
    private long nextContactMs;
    private long nextOrderMs;
    private final Map<ComplaintCategory, Long> nextComplaintMs = new EnumMap<>(ComplaintCategory.class);
    private SimEvent next;

    public TrafficGenerator(Settings settings, World world, IncidentScript script) {
        script.validateAgainst(world);
        this.settings = settings;
        this.world = world;
        this.incidents = new Incidents(script, settings.start());
        this.random = new SplittableRandom(settings.seed());
        this.complaints = new ComplaintModel(schedule, random);
        this.contacts = new ContactModel(world, incidents, schedule, random, complaints);
        this.orders = new OrderModel(world, incidents, schedule, random, complaints);
        long startMs = settings.start().toEpochMilli();
        this.endMs = startMs + settings.duration().toMillis();
        this.drainEndMs = endMs + DRAIN.toMillis();
        this.nextContactMs = arrival(startMs, CONTACTS_PER_HOUR, null);
        this.nextOrderMs = arrival(startMs, ORDERS_PER_HOUR, null);
        for (ComplaintCategory category : World.CATEGORIES) {
            nextComplaintMs.put(category, arrival(startMs, DIRECT_COMPLAINTS_PER_HOUR.get(category), category));
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public SimEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SimEvent event = next;
        next = null;
        return event;
    }

    private SimEvent advance() {
        while (true) {
            long frontier = nextArrivalMs();
            SimEvent due = schedule.peek();
            if (due != null && due.timeMs() <= frontier) {
                if (due.timeMs() >= drainEndMs) {
                    return null; // no arrivals left and the rest lie beyond the drain
                }
                return schedule.poll();
            }
            if (frontier == Long.MAX_VALUE) {
                return null;
            }
            arrive(frontier);
        }
    }

    private long nextArrivalMs() {
        long t = Math.min(nextContactMs, nextOrderMs);
        for (long c : nextComplaintMs.values()) {
            t = Math.min(t, c);
        }
        if (!comebacks.isEmpty()) {
            t = Math.min(t, comebacks.peek().timeMs());
        }
        return t >= endMs ? Long.MAX_VALUE : t;
    }

    private void arrive(long t) {
        if (!comebacks.isEmpty() && comebacks.peek().timeMs() == t) {
            comeBack(contacts.make(comebacks.poll()));
        } else if (nextContactMs == t) {
            World.Queue queue = queue();
            String reason = queue.reasons().get(random.nextInt(queue.reasons().size()));
            comeBack(contacts.make(new ContactModel.Contact(t, customer(), queue, reason, null, 1, false)));
            nextContactMs = arrival(t, CONTACTS_PER_HOUR, null);
        } else if (nextOrderMs == t) {
            comeBack(orders.ship(t, customer()));
            nextOrderMs = arrival(t, ORDERS_PER_HOUR, null);
        } else {
            for (Map.Entry<ComplaintCategory, Long> entry : nextComplaintMs.entrySet()) {
                if (entry.getValue() == t) {
                    ComplaintCategory category = entry.getKey();
                    complaints.openDirect(t, customer(), category, null);
                    entry.setValue(arrival(t, DIRECT_COMPLAINTS_PER_HOUR.get(category), category));
                    return;
                }
            }
            throw new IllegalStateException("no arrival at " + t);
        }
    }

    private void comeBack(ContactModel.Contact next) {
        if (next != null && next.timeMs() < endMs) {
            comebacks.add(next);
        }
    }

    /**
     * The next arrival after {@code fromMs} of a Poisson process with rate {@code perHour} × the
     * daily curve × a complaint surge of {@code category} if one is under way, by thinning.
     */
    private long arrival(long fromMs, double perHour, ComplaintCategory category) {
        double peak = perHour * settings.scale() * DailyCurve.PEAK * maxSurge(category);
        long t = fromMs;
        while (true) {
            t += Math.max(1, (long) (random.nextExponential() / peak * HOUR_MS));
            if (t >= endMs) {
                return t;
            }
            double rate = perHour * settings.scale() * DailyCurve.at(t)
                    * (category == null ? 1 : incidents.strength(IncidentKind.COMPLAINT_SURGE, category.name(), t));
            if (random.nextDouble() * peak < rate) {
                return t;
            }
        }
    }

    private double maxSurge(ComplaintCategory category) {
        return category == null ? 1 : incidents.maxStrength(IncidentKind.COMPLAINT_SURGE, category.name());
    }

    private World.Queue queue() {
        double u = random.nextDouble();
        double sum = 0;
        for (World.Queue q : world.queues()) {
            sum += q.share();
            if (u < sum) {
                return q;
            }
        }
        return world.queues().get(world.queues().size() - 1);
    }

    private String customer() {
        return String.format(Locale.ROOT, "C%06d", 1 + random.nextInt(world.customers()));
    }
}
