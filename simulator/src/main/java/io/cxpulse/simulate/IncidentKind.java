package io.cxpulse.simulate;

/**
 * What an incident in the simulated traffic does, and what names its subject.
 *
 * <ul>
 *   <li>{@link #BAD_SUPPLIER} (a supplier): its orders draw shipping complaints at
 *       {@code strength} times the usual rate; the seed case, a supplier with 3% of shipments
 *       drawing over a quarter of the shipping complaints, is strength 12 on the smallest.
 *   <li>{@link #COMPLAINT_SURGE} (a complaint category): complaints in the category come at
 *       {@code strength} times their usual rate.
 *   <li>{@link #STRUGGLING_AGENT} (an agent): the agent resolves less, transfers more and takes
 *       longer, {@code strength} times worse; its customers rate it lower.
 *   <li>{@link #QUEUE_OVERLOAD} (a queue): callers wait minutes, not seconds (about
 *       {@code strength} × 100 s beyond 200 s), and more of them hang up.
 *   <li>{@link #LATE_ORDERS} (a supplier): its orders shipped during the incident are reported
 *       delayed; their customers call about them and complain, about {@code strength} / 10 of
 *       them.
 * </ul>
 */
public enum IncidentKind {
    BAD_SUPPLIER,
    COMPLAINT_SURGE,
    STRUGGLING_AGENT,
    QUEUE_OVERLOAD,
    LATE_ORDERS
}
