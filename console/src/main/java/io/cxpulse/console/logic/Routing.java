package io.cxpulse.console.logic;

import io.cxpulse.schema.SubjectType;

/** What decides who sees an alert episode: its team and its subject. */
public record Routing(String teamId, SubjectType subjectType, String subjectId) {}
