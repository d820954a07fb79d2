package io.cxpulse.experience.logic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexicon-based mood of a customer chat message, in English and Chinese: a sentiment score and
 * the escalation words ("manager", "lawyer", "投诉", "第三次") that say a supervisor should step
 * in now. Word lists are resources ({@code io/cxpulse/experience/lexicon/*.txt}).
 *
 * <p>English is split into lower-case words and the lexicon's phrases (up to four words) are
 * matched longest first; a negator up to three words before a sentiment word flips it ("not
 * bad" counts as positive, "never helpful" as negative). Chinese has no spaces, so the text is
 * scanned for lexicon terms longest first; set phrases that contain a negation are lexicon
 * entries of their own and win by length ("不错" is positive, "不满意" negative, "没有问题" not
 * a problem), and a negator in the few characters before any other sentiment term flips it
 * ("不喜欢"). Escalation words are not flipped: "I won't cancel yet, but..." still deserves a
 * supervisor's look, and missing a real escalation costs more than one extra look.
 *
 * <p>Limits: no sarcasm ("great, another week of waiting" reads positive), no spelling
 * mistakes, no word sense ("manager" is an escalation word even in "the manager-level plan"),
 * vocabulary as wide as the lists. Thread-safe after construction.
 */
public final class ChatSignals implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String ROOT = "/io/cxpulse/experience/lexicon/";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final int MAX_PHRASE_WORDS = 4;
    private static final int NEGATION_WORDS = 3;
    private static final int NEGATION_CHARS = 2;

    private static volatile ChatSignals standard;

    private final Map<String, Polarity> english;
    private final Set<String> englishNegators;
    private final List<String> englishEscalation;
    private final Map<String, Polarity> chinese;
    private final Set<String> chineseNegators;
    private final int longestChinese;

    private enum Polarity { POSITIVE, NEGATIVE, ESCALATION }

    private ChatSignals() {
        english = new HashMap<>();
        load("positive-en.txt").forEach(t -> english.put(t, Polarity.POSITIVE));
        load("negative-en.txt").forEach(t -> english.put(t, Polarity.NEGATIVE));
        englishNegators = new HashSet<>(load("negators-en.txt"));
        englishEscalation = load("escalation-en.txt");
        chinese = new HashMap<>();
        load("positive-zh.txt").forEach(t -> chinese.put(t, Polarity.POSITIVE));
        load("negative-zh.txt").forEach(t -> chinese.put(t, Polarity.NEGATIVE));
        load("escalation-zh.txt").forEach(t -> chinese.put(t, Polarity.ESCALATION));
        chineseNegators = new HashSet<>(load("negators-zh.txt"));
        longestChinese = chinese.keySet().stream().mapToInt(String::length).max().orElse(1);
    }

    /** The standard lexicons, loaded once per JVM. */
    public static ChatSignals standard() {
        if (standard == null) {
            synchronized (ChatSignals.class) {
                if (standard == null) {
                    standard = new ChatSignals();
                }
            }
        }
        return standard;
    }

    public MessageSignal analyse(String text) {
        if (text == null || text.isBlank()) {
            return MessageSignal.NEUTRAL;
        }
        int[] hits = new int[2]; // [positive, negative]
        Set<String> escalation = new LinkedHashSet<>();
        scanEnglish(text.toLowerCase(Locale.ROOT), hits, escalation);
        scanChinese(text, hits, escalation);
        int total = hits[0] + hits[1];
        double sentiment = total == 0 ? 0 : (hits[0] - hits[1]) / (double) total;
        return new MessageSignal(sentiment, hits[1], hits[0], new ArrayList<>(escalation));
    }

    private void scanEnglish(String lower, int[] hits, Set<String> escalation) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(lower);
        while (m.find()) {
            words.add(m.group());
        }
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int n = Math.min(MAX_PHRASE_WORDS, words.size() - i); n >= 1 && matched == 0; n--) {
                Polarity p = english.get(String.join(" ", words.subList(i, i + n)));
                if (p != null) {
                    boolean negated = negatedEnglish(words, i);
                    count(p, negated, hits);
                    matched = n;
                }
            }
            i += Math.max(matched, 1);
        }
        String padded = " " + String.join(" ", words) + " ";
        for (String term : englishEscalation) {
            if (padded.contains(" " + term + " ")) {
                escalation.add(term);
            }
        }
    }

    private boolean negatedEnglish(List<String> words, int at) {
        for (int j = Math.max(0, at - NEGATION_WORDS); j < at; j++) {
            if (englishNegators.contains(words.get(j))) {
                return true;
            }
        }
        return false;
    }

    private void scanChinese(String text, int[] hits, Set<String> escalation) {
        int lastEnd = 0;
        int i = 0;
        while (i < text.length()) {
            String term = null;
            for (int n = Math.min(longestChinese, text.length() - i); n >= 1 && term == null; n--) {
                String candidate = text.substring(i, i + n);
                if (chinese.containsKey(candidate) && isChineseTerm(candidate)) {
                    term = candidate;
                }
            }
            if (term == null) {
                i++;
                continue;
            }
            Polarity p = chinese.get(term);
            if (p == Polarity.ESCALATION) {
                escalation.add(term);
            } else {
                String before = text.substring(Math.max(lastEnd, i - NEGATION_CHARS), i);
                count(p, chineseNegators.stream().anyMatch(before::contains), hits);
            }
            i += term.length();
            lastEnd = i;
        }
    }

    /** ASCII entries of the Chinese lists (like 12315) are matched too; English is scanned apart. */
    private static boolean isChineseTerm(String term) {
        return term.codePoints().anyMatch(c -> c > 0x2E80) || term.chars().allMatch(Character::isDigit);
    }

    private static void count(Polarity p, boolean negated, int[] hits) {
        boolean positive = (p == Polarity.POSITIVE) != negated;
        hits[positive ? 0 : 1]++;
    }

    private static List<String> load(String file) {
        List<String> terms = new ArrayList<>();
        try (InputStream in = ChatSignals.class.getResourceAsStream(ROOT + file)) {
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
}
