package io.cxpulse.console.logic;

import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.RecoveryOutcome;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a user's action on an episode is valid and, if so, the {@code AlertAction}
 * record that announces it (carrying the episode's earlier actions).
 *
 * <ul>
 *   <li>ACKNOWLEDGE: nothing else in the request; refused (409) once acknowledged or closed.
 *   <li>ASSIGN: an {@code assignee} (an agent name: letters, digits, {@code . _ @ -}, at most
 *       64); refused once closed.
 *   <li>NOTE: a {@code note} of 1 to 1,000 printable characters (line breaks allowed, read as
 *       spaces); allowed on a closed episode too.
 *   <li>CLOSE: an {@code outcome} (RECOVERED, NOT_RECOVERED, NO_ACTION_NEEDED), an optional
 *       note; refused once closed.
 * </ul>
 * A field the action does not take, an unknown action or outcome, a control character in a
 * note, is a bad request (400). An episode takes at most {@link #MAX_ACTIONS} actions (409
 * after), which bounds the record that carries them all.
 */
public final class ActionCheck {

    public static final int MAX_ACTIONS = 200;
    public static final int MAX_NOTE = Handling.MAX_TEXT;
    private static final Set<AlertActionType> ACTIONS =
            EnumSet.of(AlertActionType.ACKNOWLEDGE, AlertActionType.ASSIGN, AlertActionType.NOTE, AlertActionType.CLOSE);

    /** The verdict: a record to write, or a refusal with its HTTP status. */
    public sealed interface Decision permits Accepted, Refused {}

    public record Accepted(AlertAction record) implements Decision {}

    public record Refused(int httpStatus, String reason) implements Decision {}

    private ActionCheck() {}

    public static Decision check(ActionRequest request, Episode episode, User actor, Instant now, String actionId) {
        AlertActionType action = parse(request.action(), AlertActionType.class);
        if (action == null || !ACTIONS.contains(action)) {
            return bad("action: one of ACKNOWLEDGE, ASSIGN, NOTE, CLOSE");
        }
        String note = request.note();
        if (note != null) {
            note = note.strip();
            if (note.isEmpty() || note.codePointCount(0, note.length()) > MAX_NOTE) {
                return bad("note: 1 to " + MAX_NOTE + " characters");
            }
            if (!SafeText.isClean(note.replace('\n', ' ').replace("\r", ""), MAX_NOTE)) {
                return bad("note: control characters are not allowed");
            }
            note = SafeText.clean(note, MAX_NOTE);
        }
        RecoveryOutcome outcome = null;
        if (request.outcome() != null) {
            outcome = parse(request.outcome(), RecoveryOutcome.class);
            if (outcome == null || outcome == RecoveryOutcome.UNKNOWN) {
                return bad("outcome: one of RECOVERED, NOT_RECOVERED, NO_ACTION_NEEDED");
            }
        }
        String assignee = request.assignee();
        if (assignee != null && !User.NAME.matcher(assignee).matches()) {
            return bad("assignee: 1 to 64 letters, digits or . _ @ -");
        }
        switch (action) {
            case ACKNOWLEDGE -> {
                if (assignee != null || note != null || outcome != null) {
                    return bad("ACKNOWLEDGE takes no assignee, note or outcome");
                }
            }
            case ASSIGN -> {
                if (assignee == null) {
                    return bad("ASSIGN needs an assignee");
                }
                if (note != null || outcome != null) {
                    return bad("ASSIGN takes no note or outcome");
                }
            }
            case NOTE -> {
                if (note == null) {
                    return bad("NOTE needs a note");
                }
                if (assignee != null || outcome != null) {
                    return bad("NOTE takes no assignee or outcome");
                }
            }
            case CLOSE -> {
                if (outcome == null) {
                    return bad("CLOSE needs an outcome");
                }
                if (assignee != null) {
                    return bad("CLOSE takes no assignee");
                }
            }
            default -> throw new IllegalStateException("unreachable: " + action);
        }
        Handling handling = episode.handling();
        if (handling.size() >= MAX_ACTIONS) {
            return new Refused(409, "this episode has had " + MAX_ACTIONS + " actions, the most it takes");
        }
        boolean closed = handling.closing().isPresent();
        if (closed && action != AlertActionType.NOTE) {
            return new Refused(409, "the episode is closed");
        }
        if (action == AlertActionType.ACKNOWLEDGE && handling.acknowledgement().isPresent()) {
            return new Refused(409, "already acknowledged by " + handling.acknowledgement().get().actor());
        }
        return new Accepted(AlertAction.newBuilder()
                .setActionId(actionId)
                .setAlertId(episode.alertId())
                .setAction(action)
                .setActor(actor.name())
                .setActionTime(now)
                .setAssignee(assignee)
                .setNote(note)
                .setOutcome(outcome)
                .setTeamId(episode.teamId())
                .setEarlier(handling.asEarlier())
                .build());
    }

    private static Refused bad(String reason) {
        return new Refused(400, reason);
    }

    private static <E extends Enum<E>> E parse(String text, Class<E> type) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
