package io.cxpulse.console.logic;

/**
 * An action as a browser asks for it ({@code POST /api/alerts/{id}/actions}): the action's name
 * and, by action, an assignee, a note or an outcome. Unchecked; {@link ActionCheck} judges it.
 */
public record ActionRequest(String action, String assignee, String note, String outcome) {}
