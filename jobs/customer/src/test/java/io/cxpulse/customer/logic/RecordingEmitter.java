package io.cxpulse.customer.logic;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.Interaction;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything the parts emit, one list per kind, for the logic tests to read. */
final class RecordingEmitter implements CoreEmitter {

    final List<Alert> alerts = new ArrayList<>();
    final List<Interaction> interactions = new ArrayList<>();
    final List<Contribution> contributions = new ArrayList<>();
    final List<ShareCount> shareCounts = new ArrayList<>();
    final List<AttributedComplaint> arrived = new ArrayList<>();
    final List<QueueMove> queueMoves = new ArrayList<>();

    @Override
    public void alert(Alert alert) {
        alerts.add(alert);
    }

    @Override
    public void interaction(Interaction interaction) {
        interactions.add(interaction);
    }

    @Override
    public void contribution(Contribution contribution) {
        contributions.add(contribution);
    }

    @Override
    public void shareCount(ShareCount count) {
        shareCounts.add(count);
    }

    @Override
    public void complaintArrived(AttributedComplaint complaint) {
        arrived.add(complaint);
    }

    @Override
    public void queueMove(QueueMove move) {
        queueMoves.add(move);
    }
}
