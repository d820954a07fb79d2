package io.cxpulse.simulate;

import io.cxpulse.schema.ComplaintCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated contact centre and its fulfilment: queues with the team that serves each,
 * agents (a few noticeably worse than the rest), six warehouse suppliers with their share of
 * the orders, and a pool of customers. Built from the seed, so a seed is a whole world.
 *
 * @param customers how many distinct customers contact the centre and order
 */
public record World(List<Queue> queues, List<Agent> agents, List<Supplier> suppliers, int customers) {

    /** A queue, the team that answers it, its share of the contacts and its contact reasons. */
    public record Queue(String id, String team, double share, List<String> reasons, ComplaintCategory category) {}

    /**
     * @param skill 1 is the centre's norm; below it the agent resolves less, transfers more and
     *     is rated lower
     */
    public record Agent(String id, String team, double skill) {}

    /** A warehouse supplier, its share of the orders and the carrier it hands them to. */
    public record Supplier(String id, double share, String carrier) {}

    /** Complaint categories in the order the simulator draws them. */
    public static final List<ComplaintCategory> CATEGORIES = List.of(ComplaintCategory.SHIPPING,
            ComplaintCategory.PRODUCT, ComplaintCategory.BILLING, ComplaintCategory.SERVICE, ComplaintCategory.OTHER);

    public World {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        suppliers = List.copyOf(suppliers);
        if (customers < 1) {
            throw new IllegalArgumentException("a world needs at least one customer");
        }
    }

    /**
     * Four queues served by three teams of six agents; two agents (drawn by the seed) at about
     * 60% of the norm; six suppliers, the smallest with 3% of the orders as in the seed case.
     */
    public static World standard(long seed, int customers) {
        List<Queue> queues = List.of(
                new Queue("billing", "team-blue", 0.30, List.of("refund", "invoice", "payment"),
                        ComplaintCategory.BILLING),
                new Queue("delivery", "team-green", 0.35, List.of("order_status", "late_delivery", "damaged_item"),
                        ComplaintCategory.SHIPPING),
                new Queue("technical", "team-red", 0.20, List.of("login", "app_error", "product_fault"),
                        ComplaintCategory.PRODUCT),
                new Queue("returns", "team-green", 0.15, List.of("return_label", "exchange", "refund"),
                        ComplaintCategory.PRODUCT));
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        List<Agent> agents = new ArrayList<>();
        String[] teams = {"team-blue", "team-green", "team-red"};
        int n = 1;
        for (String team : teams) {
            for (int i = 0; i < 6; i++) {
                agents.add(new Agent(String.format("agent-%02d", n++), team, 0.9 + 0.2 * random.nextDouble()));
            }
        }
        for (int weak = 0; weak < 2; weak++) {
            int i = random.nextInt(agents.size());
            Agent a = agents.get(i);
            agents.set(i, new Agent(a.id(), a.team(), 0.6));
        }
        List<Supplier> suppliers = List.of(
                new Supplier("WH-A", 0.30, "DHL"),
                new Supplier("WH-B", 0.25, "UPS"),
                new Supplier("WH-C", 0.20, "SF Express"),
                new Supplier("WH-D", 0.15, "DPD"),
                new Supplier("WH-E", 0.07, "Royal Mail"),
                new Supplier("WH-F", 0.03, "GLS"));
        return new World(queues, agents, suppliers, customers);
    }

    public Queue queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst().orElse(null);
    }

    public Agent agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    public Supplier supplier(String id) {
        return suppliers.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
