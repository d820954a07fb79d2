package io.cxpulse.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.console.logic.AlertUpdate;
import io.cxpulse.console.logic.Episode;
import io.cxpulse.console.logic.Handling;
import io.cxpulse.console.logic.MetricPoint;
import io.cxpulse.console.logic.MetricSeries;
import io.cxpulse.console.logic.SupplierShares;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON the API and the event stream send (snake_case, times as ISO-8601 strings). Every
 * string in it has been neutralised when the record was read; the page inserts it as text.
 */
public final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** One feed row. */
    public static ObjectNode row(Episode e) {
        ObjectNode n = object();
        n.put("alert_id", e.alertId());
        n.put("kind", e.kind().name());
        n.put("status", e.status().name());
        n.put("severity", e.severity().name());
        n.put("subject_type", e.subjectType().name());
        n.put("subject_id", e.subjectId());
        n.put("team_id", e.teamId());
        n.put("customer_id", e.customerId());
        n.put("summary", e.summary());
        n.put("opened_at", time(e.openedAt()));
        n.put("updated_at", time(e.updatedAt()));
        n.put("event_time", time(e.latest().eventTime()));
        n.put("done_at", e.doneAt().map(Json::time).orElse(null));
        n.put("update_count", e.updateCount());
        n.put("version", e.version());
        Handling h = e.handling();
        ObjectNode handling = n.putObject("handling");
        handling.put("state", h.state().name());
        h.acknowledgement().ifPresent(a -> {
            handling.put("acknowledged_by", a.actor());
            handling.put("acknowledged_at", time(a.at()));
        });
        h.assignee().ifPresent(a -> handling.put("assignee", a.assignee()));
        h.closing().ifPresent(c -> {
            handling.put("outcome", c.outcome() == null ? null : c.outcome().name());
            handling.put("closed_by", c.actor());
            handling.put("closed_at", time(c.at()));
        });
        handling.put("notes", h.notes());
        return n;
    }

    /** One episode in full: the row, every update kept, every action. */
    public static ObjectNode detail(Episode e) {
        ObjectNode n = row(e);
        n.put("window_start", time(e.latest().windowStart()));
        n.put("window_end", time(e.latest().windowEnd()));
        putReasons(n, e.latest());
        ArrayNode updates = n.putArray("updates");
        for (AlertUpdate u : e.updates()) {
            ObjectNode un = updates.addObject();
            un.put("status", u.status().name());
            un.put("severity", u.severity().name());
            un.put("summary", u.summary());
            un.put("event_time", time(u.eventTime()));
            un.put("detected_at", time(u.detectedAt()));
            un.put("window_start", time(u.windowStart()));
            un.put("window_end", time(u.windowEnd()));
            putReasons(un, u);
        }
        ArrayNode actions = n.putArray("actions");
        for (Handling.Entry a : e.handling().entries()) {
            ObjectNode an = actions.addObject();
            an.put("action_id", a.actionId());
            an.put("action", a.action().name());
            an.put("actor", a.actor());
            an.put("at", time(a.at()));
            an.put("assignee", a.assignee());
            an.put("note", a.note());
            an.put("outcome", a.outcome() == null ? null : a.outcome().name());
        }
        return n;
    }

    private static void putReasons(ObjectNode n, AlertUpdate u) {
        ArrayNode reasons = n.putArray("reasons");
        u.reasons().forEach(reasons::add);
        ObjectNode evidence = n.putObject("evidence");
        for (Map.Entry<String, Double> ev : u.evidence().entrySet()) {
            evidence.put(ev.getKey(), ev.getValue());
        }
    }

    public static ArrayNode rows(List<Episode> episodes) {
        ArrayNode out = MAPPER.createArrayNode();
        episodes.forEach(e -> out.add(row(e)));
        return out;
    }

    public static ArrayNode metrics(List<MetricSeries> series) {
        ArrayNode out = MAPPER.createArrayNode();
        for (MetricSeries s : series) {
            ObjectNode n = out.addObject();
            n.put("dimension", s.dimension().name());
            n.put("value", s.value());
            if (s.live() != null) {
                point(n.putObject("live"), s.live());
            } else {
                n.putNull("live");
            }
            ArrayNode points = n.putArray("points");
            s.points().forEach(p -> point(points.addObject(), p));
        }
        return out;
    }

    private static void point(ObjectNode n, MetricPoint p) {
        n.put("start", time(p.start()));
        n.put("end", time(p.end()));
        n.put("final", p.isFinal());
        n.put("contacts", p.contacts());
        n.put("csat_pct", p.csatPct());
        n.put("nps", p.nps());
        n.put("asa_s", p.asaSeconds());
        n.put("service_level_pct", p.serviceLevelPct());
        n.put("abandon_rate", p.abandonRate());
    }

    public static ArrayNode shares(List<SupplierShares> categories) {
        ArrayNode out = MAPPER.createArrayNode();
        for (SupplierShares c : categories) {
            ObjectNode n = out.addObject();
            n.put("category", c.category().name());
            n.put("window_start", time(c.windowStart()));
            n.put("window_end", time(c.windowEnd()));
            ArrayNode suppliers = n.putArray("suppliers");
            for (SupplierShares.Row r : c.suppliers()) {
                ObjectNode s = suppliers.addObject();
                s.put("supplier_id", r.supplierId());
                s.put("shipments", r.shipments());
                s.put("complaints", r.complaints());
                s.put("shipment_share", finite(r.shipmentShare()));
                s.put("complaint_share", finite(r.complaintShare()));
                s.put("lift", r.lift() == null ? null : finite(r.lift()));
                s.put("p_value", finite(r.pValue()));
                s.put("q_value", finite(r.qValue()));
                s.put("flagged", r.flagged());
            }
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
