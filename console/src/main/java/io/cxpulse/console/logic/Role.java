package io.cxpulse.console.logic;

/**
 * What a console user may see.
 *
 * <ul>
 *   <li>{@code SUPERVISOR}: the alerts routed to their teams ({@code team_id}), and, when the
 *       configuration routes queue alerts to the teams serving a queue, those queues' alerts;
 *       their teams' metrics and every queue's.
 *   <li>{@code OPERATIONS}: the alerts without a team (queues, suppliers, categories, orders,
 *       complaints) and the operations page: every metric, supplier shares, complaint spikes.
 *   <li>{@code ADMIN}: everything, e.g. a contact-centre manager.
 * </ul>
 * A user may have several roles; what they see is the union.
 */
public enum Role {
    SUPERVISOR,
    OPERATIONS,
    ADMIN
}
