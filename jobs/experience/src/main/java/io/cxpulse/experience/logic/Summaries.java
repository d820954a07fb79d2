package io.cxpulse.experience.logic;

import java.time.Duration;
import java.util.List;

/** The one-sentence summaries a supervisor reads in the live feed. */
public final class Summaries {

    private Summaries() {}

    /**
     * "Customer C1042 rated CSAT 1, waited 9 min to be answered; 3rd contact in 72 h".
     *
     * @param contactNumber the contact's place in an unresolved streak, or 0 to leave it out
     */
    public static String customer(String customerId, List<Signal> signals, int contactNumber, Duration window) {
        return customer(customerId, signals, null, 0, contactNumber, window);
    }

    /**
     * A survey's summary with what its interaction was like: "Customer C1042 rated CSAT 1 after
     * a 9 min wait and 2 transfers; 3rd unresolved contact in 72 h".
     *
     * @param waited the rated interaction's wait, or null when not known (not joined)
     * @param transfers the rated interaction's transfers (0 leaves them out)
     * @param contactNumber the customer's place in an unresolved streak, or 0 to leave it out
     */
    public static String customer(String customerId, List<Signal> signals, Duration waited, int transfers,
            int contactNumber, Duration window) {
        StringBuilder s = new StringBuilder("Customer ").append(customerId).append(' ');
        for (int i = 0; i < signals.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(signals.get(i).phrase());
        }
        if (!signals.isEmpty() && (waited != null || transfers > 0)) {
            s.append(" after ");
            if (waited != null) {
                s.append("a ").append(PoorExperienceRules.minutes(waited)).append(" wait");
            }
            if (transfers > 0) {
                s.append(waited != null ? " and " : "").append(transfers).append(" transfer")
                        .append(transfers == 1 ? "" : "s");
            }
        }
        if (contactNumber > 0) {
            s.append(signals.isEmpty() ? "is on their " : "; ")
                    .append(ordinal(contactNumber)).append(" unresolved contact in ").append(window.toHours()).append(" h");
        }
        return s.toString();
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
