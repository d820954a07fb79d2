package io.cxpulse.common.config;

import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.OutputTopic;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topic names ({@code interactions}: every closed call and chat, for BI; {@code alertActions}:
 * what people did about alerts in the console). The defaults are the contract's; operators may
 * rename them (a shared cluster with a naming scheme) and tests give every test its own fresh
 * topics.
 */
public record TopicsConfig(
        String calls, String chats, String surveys, String shipments, String complaints,
        String alerts, String metrics, String supplierShares, String deadletter, String alertActions,
        String interactions)
        implements Serializable {

    public static final TopicsConfig CONTRACT = new TopicsConfig(
            "cx.calls.v1", "cx.chats.v1", "cx.surveys.v1", "cx.shipments.v1", "cx.complaints.v1",
            "cx.alerts.v1", "cx.metrics.v1", "cx.supplier-shares.v1", "cx.deadletter.v1", "cx.alert-actions.v1",
            "cx.interactions.v1");

    public TopicsConfig {
        calls = orDefault(calls, "cx.calls.v1");
        chats = orDefault(chats, "cx.chats.v1");
        surveys = orDefault(surveys, "cx.surveys.v1");
        shipments = orDefault(shipments, "cx.shipments.v1");
        complaints = orDefault(complaints, "cx.complaints.v1");
        alerts = orDefault(alerts, "cx.alerts.v1");
        metrics = orDefault(metrics, "cx.metrics.v1");
        supplierShares = orDefault(supplierShares, "cx.supplier-shares.v1");
        deadletter = orDefault(deadletter, "cx.deadletter.v1");
        alertActions = orDefault(alertActions, "cx.alert-actions.v1");
        interactions = orDefault(interactions, "cx.interactions.v1");
    }

    /** Every topic name with {@code prefix} in front: how tests get fresh topics. */
    public TopicsConfig withPrefix(String prefix) {
        return new TopicsConfig(prefix + calls, prefix + chats, prefix + surveys, prefix + shipments,
                prefix + complaints, prefix + alerts, prefix + metrics, prefix + supplierShares,
                prefix + deadletter, prefix + alertActions, prefix + interactions);
    }

    /**
     * Every topic by its key in the {@code topics:} section of the configuration, in the
     * contract's order: what a configuration file written for a job must name, all of it.
     */
    public Map<String, String> byKey() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("calls", calls);
        keys.put("chats", chats);
        keys.put("surveys", surveys);
        keys.put("shipments", shipments);
        keys.put("complaints", complaints);
        keys.put("alerts", alerts);
        keys.put("metrics", metrics);
        keys.put("supplier-shares", supplierShares);
        keys.put("deadletter", deadletter);
        keys.put("alert-actions", alertActions);
        keys.put("interactions", interactions);
        return Collections.unmodifiableMap(keys);
    }

    /** The {@code topics:} section naming every topic, as YAML lines. */
    public String yamlSection() {
        StringBuilder yaml = new StringBuilder("topics:\n");
        byKey().forEach((key, topic) -> yaml.append("  ").append(key).append(": ").append(topic).append('\n'));
        return yaml.toString();
    }

    public String of(InputTopic<?> input) {
        return switch (input.name()) {
            case "calls" -> calls;
            case "chats" -> chats;
            case "surveys" -> surveys;
            case "shipments" -> shipments;
            case "complaints" -> complaints;
            default -> throw new IllegalArgumentException("unknown input " + input.name());
        };
    }

    public String of(OutputTopic<?> output) {
        return switch (output.name()) {
            case "alerts" -> alerts;
            case "metrics" -> metrics;
            case "supplier-shares" -> supplierShares;
            case "interactions" -> interactions;
            default -> throw new IllegalArgumentException("unknown output " + output.name());
        };
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
