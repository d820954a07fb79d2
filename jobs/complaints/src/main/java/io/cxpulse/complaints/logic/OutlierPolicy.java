package io.cxpulse.complaints.logic;

import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;

/**
 * The lifecycle of a {@code SUPPLIER_OUTLIER} episode over successive windows of one (category,
 * supplier): the first flagged window opens it; a later flagged window whose severity is higher
 * emits an UPDATE (an unchanged finding every hour would be noise in a supervisor's feed; the
 * shares topic carries every window for BI); {@code resolveAfterWindows} unflagged windows in a
 * row resolve it, and a flagged window in between resets that count.
 *
 * <p>Severity: HIGH when the lift is at least twice the minimum lift and q is at or below a
 * hundredth of alpha (the seed case: lift 9, q ≈ 1e-34); MEDIUM otherwise.
 */
public final class OutlierPolicy {

    private final double alpha;
    private final double minLift;
    private final int resolveAfterWindows;

    public OutlierPolicy(double alpha, double minLift, int resolveAfterWindows) {
        this.alpha = alpha;
        this.minLift = minLift;
        this.resolveAfterWindows = resolveAfterWindows;
    }

    /** What one window means for the episode; {@link #episode} is the state to keep (null: clear it). */
    public record Step(AlertStatus status, OutlierEpisode episode) {}

    public Severity severity(SupplierScan.Result r) {
        return r.lift() != null && r.lift() >= 2 * minLift && r.qValue() <= alpha / 100 ? Severity.HIGH
                : Severity.MEDIUM;
    }

    /**
     * @param open the episode so far, or null
     * @param result this window's scan result for the supplier
     * @param windowEndMs end of this window
     * @return the alert status to emit (null for none) and the episode to keep
     */
    public Step next(OutlierEpisode open, SupplierScan.Result result, long windowEndMs) {
        if (result.flagged()) {
            Severity severity = severity(result);
            if (open == null) {
                return new Step(AlertStatus.OPEN, new OutlierEpisode(windowEndMs, severity.name()));
            }
            open.unflaggedWindows = 0;
            if (severity.ordinal() > Severity.valueOf(open.severity).ordinal()) {
                open.severity = severity.name();
                return new Step(AlertStatus.UPDATE, open);
            }
            return new Step(null, open);
        }
        if (open == null) {
            return new Step(null, null);
        }
        open.unflaggedWindows++;
        return open.unflaggedWindows >= resolveAfterWindows ? new Step(AlertStatus.RESOLVED, null)
                : new Step(null, open);
    }
}
