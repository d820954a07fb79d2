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
        StringBuilder s = new StringBuilder("Customer ").append(customerId).append(' ');
        for (int i = 0; i < signals.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(signals.get(i).phrase());
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
