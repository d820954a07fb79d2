package io.cxpulse.common.chat;

import java.util.List;

/**
 * What one customer chat message says about the customer's mood; see {@link ChatSignals} for the
 * rule.
 *
 * @param sentiment (P − N) ÷ max(P + N, 1) over the weights of the positive and negative hits,
 *     from −1 to 1; 0 when no sentiment word was found
 * @param negativeHits sentiment terms that counted as negative (including negated positives)
 * @param positiveHits sentiment terms that counted as positive (including negated negatives)
 * @param escalationTerms the escalation terms found, as written in the lexicon, first occurrence
 *     order, each once
 */
public record MessageSignal(double sentiment, int negativeHits, int positiveHits, List<String> escalationTerms) {

    /**
     * A message at or below this sentiment, with at least one negative hit, is negative: one
     * negative word against one "thanks" (−0.33) is negative, against a genuine positive (0) not.
     */
    public static final double NEGATIVE_THRESHOLD = -0.3;

    public static final MessageSignal NEUTRAL = new MessageSignal(0, 0, 0, List.of());

    public MessageSignal {
        if (!(sentiment >= -1 && sentiment <= 1)) {
            throw new IllegalArgumentException("sentiment must be in [-1, 1]: " + sentiment);
        }
        if (negativeHits < 0 || positiveHits < 0) {
            throw new IllegalArgumentException("hit counts must not be negative");
        }
        escalationTerms = List.copyOf(escalationTerms);
    }

    public boolean isNegative() {
        return negativeHits > 0 && sentiment <= NEGATIVE_THRESHOLD;
    }

    public boolean hasEscalation() {
        return !escalationTerms.isEmpty();
    }
}
