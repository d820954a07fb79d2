package io.cxpulse.common.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The word lists of one language, read from {@code io/cxpulse/common/chat/lexicon/*-<lang>.txt}.
 *
 * <p>File format: one term per line (a term may be a phrase), blank lines and lines starting with
 * {@code #} ignored, terms lower-cased. A sentiment term may carry a weight after a bar,
 * {@code thanks | 0.5}; the default is 1. A term listed in more than one sentiment file is a
 * lexicon bug and fails loading, so a list edit cannot silently change a word's meaning.
 *
 * <p>Lengths are measured in the unit the language is scanned in: words for English, characters
 * for Chinese.
 */
final class Lexicon implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String ROOT = "/io/cxpulse/common/chat/lexicon/";

    enum Polarity { POSITIVE, NEGATIVE, NEUTRAL }

    record Term(String text, Polarity polarity, double weight) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Map<String, Term> sentiment;
    private final Set<String> negators;
    private final Set<String> escalation;
    private final int longestNegator;
    private final TermTrie sentimentTrie;
    private final TermTrie negatorTrie;
    private final TermTrie escalationTrie;

    private Lexicon(Map<String, Term> sentiment, Set<String> negators, Set<String> escalation,
            ToIntFunction<String> length) {
        this.sentiment = Map.copyOf(sentiment);
        this.negators = Set.copyOf(negators);
        this.escalation = Set.copyOf(escalation);
        this.longestNegator = longest(negators, length);
        this.sentimentTrie = new TermTrie(sentiment.keySet());
        this.negatorTrie = new TermTrie(negators);
        this.escalationTrie = new TermTrie(escalation);
    }

    /** Loads {@code positive-, negative-, neutral-, negators-, escalation-<language>.txt}. */
    static Lexicon load(String language, ToIntFunction<String> length) {
        Map<String, Term> sentiment = new HashMap<>();
        addSentiment(sentiment, "positive-" + language + ".txt", Polarity.POSITIVE);
        addSentiment(sentiment, "negative-" + language + ".txt", Polarity.NEGATIVE);
        addSentiment(sentiment, "neutral-" + language + ".txt", Polarity.NEUTRAL);
        return new Lexicon(sentiment,
                Set.copyOf(read("negators-" + language + ".txt")),
                Set.copyOf(read("escalation-" + language + ".txt")),
                length);
    }

    Term sentiment(String candidate) {
        return sentiment.get(candidate);
    }

    boolean isNegator(String candidate) {
        return negators.contains(candidate);
    }

    boolean isEscalation(String candidate) {
        return escalation.contains(candidate);
    }

    int longestNegator() {
        return longestNegator;
    }

    /** The sentiment terms as a character trie (English phrases with their single spaces). */
    TermTrie sentimentTrie() {
        return sentimentTrie;
    }

    TermTrie negatorTrie() {
        return negatorTrie;
    }

    TermTrie escalationTrie() {
        return escalationTrie;
    }

    private static void addSentiment(Map<String, Term> into, String file, Polarity polarity) {
        for (String line : read(file)) {
            int bar = line.indexOf('|');
            String text = (bar < 0 ? line : line.substring(0, bar)).strip();
            double weight = bar < 0 ? 1.0 : Double.parseDouble(line.substring(bar + 1).strip());
            if (!(weight > 0 && weight <= 2)) {
                throw new IllegalStateException("weight of '" + text + "' in " + file + " must be in (0, 2]");
            }
            Term previous = into.put(text, new Term(text, polarity, weight));
            if (previous != null) {
                throw new IllegalStateException("'" + text + "' is listed as both " + previous.polarity()
                        + " and " + polarity + " (" + file + ")");
            }
        }
    }

    private static List<String> read(String file) {
        List<String> terms = new ArrayList<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("missing lexicon " + ROOT + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String term = line.strip();
                if (!term.isEmpty() && !term.startsWith("#")) {
                    terms.add(term.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static int longest(Set<String> terms, ToIntFunction<String> length) {
        return terms.stream().mapToInt(length).max().orElse(0);
    }
}
