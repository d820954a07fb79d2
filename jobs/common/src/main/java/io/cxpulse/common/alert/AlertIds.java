package io.cxpulse.common.alert;

import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.SubjectType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic alert ids: the same kind, subject and episode start always give the same id,
 * so a replay, or a restart that re-emits an alert, yields an id a consumer has seen before.
 * A name-based UUID rather than the raw parts, so the id does not spell out a customer id.
 */
public final class AlertIds {

    private AlertIds() {}

    public static String of(AlertKind kind, SubjectType subjectType, String subjectId, long episodeStartMs) {
        return uuid(kind + "|" + subjectType + "|" + subjectId + "|" + episodeStartMs);
    }

    /**
     * For a subject watched in several scopes at once, such as a supplier per complaint
     * category: the scope is part of the id, so two categories' episodes never share one.
     */
    public static String of(AlertKind kind, SubjectType subjectType, String subjectId, String scope,
            long episodeStartMs) {
        return uuid(kind + "|" + subjectType + "|" + subjectId + "|" + scope + "|" + episodeStartMs);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
