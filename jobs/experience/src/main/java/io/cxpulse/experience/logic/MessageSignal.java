package io.cxpulse.experience.logic;

import java.util.List;

/**
 * What one customer chat message says about the customer's mood.
 *
 * @param sentiment (positive hits − negative hits) ÷ all hits, from −1 (all negative) to 1; 0
 *     when no sentiment word was found
 * @param escalationTerms the escalation words found, as written in the lexicon
 */
public record MessageSignal(double sentiment, int negativeHits, int positiveHits, List<String> escalationTerms) {

    /** A message at or below this sentiment, with at least one negative word, is negative. */
    public static final double NEGATIVE_THRESHOLD = -0.3;

    public static final MessageSignal NEUTRAL = new MessageSignal(0, 0, 0, List.of());

    public MessageSignal {
        escalationTerms = List.copyOf(escalationTerms);
    }

    public boolean isNegative() {
        return negativeHits > 0 && sentiment <= NEGATIVE_THRESHOLD;
    }

    public boolean hasEscalation() {
        return !escalationTerms.isEmpty();
    }
}
