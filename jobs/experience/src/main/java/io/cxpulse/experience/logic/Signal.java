package io.cxpulse.experience.logic;

import io.cxpulse.schema.Severity;

/**
 * One reason an interaction went badly, as a supervisor would say it.
 *
 * @param code machine-readable reason for the alert's {@code reasons}, e.g. {@code csat=1}
 * @param phrase the words for the alert's summary, e.g. {@code rated CSAT 1}
 * @param evidenceKey the alert's {@code evidence} entry, e.g. {@code csat}
 * @param evidenceValue its number
 */
public record Signal(String code, String phrase, Severity severity, String evidenceKey, double evidenceValue) {}
