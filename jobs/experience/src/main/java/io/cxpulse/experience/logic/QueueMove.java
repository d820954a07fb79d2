package io.cxpulse.experience.logic;

import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;

/**
 * A call's step as the live queue monitor needs it: which queue, which call, what happened
 * (QUEUED joins the queue; ANSWERED, ABANDONED, ENDED or TRANSFERRED leave it) and when. What
 * the customer core sends the monitor for every call event it accepts, instead of the whole
 * event. A Flink POJO.
 */
public final class QueueMove {

    public String queue;
    public String callId;
    public String eventId;
    public CallEventType type;
    public long atMs;

    public QueueMove() {}

    public static QueueMove of(CallEvent e) {
        QueueMove move = new QueueMove();
        move.queue = e.getQueue();
        move.callId = e.getCallId();
        move.eventId = e.getEventId();
        move.type = e.getType();
        move.atMs = e.getEventTime().toEpochMilli();
        return move;
    }
}
