package io.cxpulse.experience.logic;

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
        String name = kind + "|" + subjectType + "|" + subjectId + "|" + episodeStartMs;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
