package io.cxpulse.common.chat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexicon-based mood of one customer chat message, in English and Chinese: a sentiment score and
 * the escalation words ("manager", "lawyer", "投诉", "第三次") that say a supervisor should step
 * in now. The word lists are resources in {@code io/cxpulse/common/chat/lexicon/}; the vocabulary
 * is widened by editing them, not this class.
 *
 * <h2>The rule</h2>
 * <ul>
 *   <li><b>Clauses.</b> The text is cut at punctuation (ASCII and full-width: {@code . , ! ? ; :}
 *       {@code 。，！？；：、…}) and newlines. Negation never reaches across a cut, so "No, thanks"
 *       and "不，谢谢" stay polite.
 *   <li><b>English</b> is lower-cased (curly apostrophes made straight) and split into words; the
 *       lexicons' phrases ("waste of time", "cancel my account", up to a few words) are matched
 *       longest first at each word.
 *   <li><b>Chinese</b> has no spaces, and a word segmenter would be a new dependency and a model
 *       to maintain, so each clause is scanned for lexicon terms as substrings, longest first at
 *       each character. Set phrases that contain a negation are lexicon entries of their own and
 *       win by length: "不错" is positive (never 不 + 错), "没有问题" / "没问题" positive, "不满意",
 *       "不好", "不太好" negative, and question tags like "好不好", "满不满意", polite "不好意思"
 *       are listed as neutral so they do not read as "不好" / "不满意". A term made of digits
 *       ("12315") only matches with no digit or letter on either side, so it is not found inside
 *       an order number.
 *   <li><b>Negation.</b> A negator that is not part of a matched term flips the next sentiment
 *       term in its clause if that term starts at most {@value #NEGATION_WORDS} words after it
 *       (English) or at most {@value #NEGATION_CHARS} characters separate them (Chinese): "not
 *       happy", "not at all helpful", "never helpful", "不喜欢", "不是很满意" are negative. A
 *       negated positive counts as negative with its full weight; a negated negative counts as
 *       positive with half its weight, because "not bad" is lukewarm, not praise. A matched term
 *       (neutral ones included) uses up the negator, so in "no problem thanks" the "no" belongs
 *       to "no problem" and does not flip "thanks". A negative phrase that ends in a negator
 *       ("still not", "还是没有") counts itself and also negates what follows ("still not happy"
 *       is two negatives).
 *   <li><b>Score.</b> {@code sentiment = (P − N) / max(P + N, 1)}, where P and N are the summed
 *       weights of the positive and negative hits, so it lies in [−1, 1]. The floor of 1 in the
 *       denominator keeps a single weak cue lukewarm: a bare "thanks" (weight 0.5) scores 0.5.
 *       Politeness ("thanks", "谢谢") weighs 0.5 because angry customers sign off politely too:
 *       "太差了，谢谢" is still −0.33.
 *   <li><b>Negative</b> message: {@link MessageSignal#isNegative()}, sentiment at or below
 *       {@value MessageSignal#NEGATIVE_THRESHOLD} with at least one negative hit: one clearly
 *       negative word outweighs one politeness word, but not a genuine positive.
 *   <li><b>Escalation</b> terms are found with the same tokenisation, independently of sentiment.
 *       They are suppressed only when negated right before them, in the same clause (a negator
 *       at most {@value #ESCALATION_NEGATION_WORDS} words before in English; in Chinese directly
 *       before, or with one character between, as in "不想投诉"): "no complaints", "I won't cancel
 *       my account", "我不投诉了" are quiet. A threat built around a negation still fires, because
 *       the negator is further away or in another clause: "don't make me call my lawyer", "不处理
 *       我就投诉", "if you don't fix this I will complain".
 * </ul>
 *
 * <h2>Known limits</h2>
 * No sarcasm ("great, another week of waiting" reads positive). No spelling mistakes, slang or
 * inflections beyond the listed forms ("disapointed" is missed). No word sense: "manager" is an
 * escalation word in "my account manager", and "退款" in a routine refund request. Negation is a
 * short window, so "I don't think the agent was helpful" reads positive and "你们不退款" suppresses
 * "退款". Mixed-language messages are scanned by both languages and each part scores on its own,
 * but a negator in one language does not flip a term in the other; escalation terms are reported
 * English first, then Chinese, per clause. Contrast is not weighted: "the wait was terrible but
 * the agent was great" scores 0, not negative. Traditional characters, pinyin and romanised Chinese are
 * not covered. Coverage is exactly the lists: a message with no listed word scores 0.
 *
 * <p>Immutable and thread-safe after construction; {@link Serializable} so an operator can hold
 * it, though {@link #standard()} loaded in {@code open} is the usual way.
 */
public final class ChatSignals implements Serializable {

    private static final long serialVersionUID = 2L;

    /** How far after an English negator, in words, a sentiment term may start and be flipped ("not at all helpful"). */
    static final int NEGATION_WORDS = 3;
    /** How many characters may stand between a Chinese negator and the term it flips ("不是很满意"). */
    static final int NEGATION_CHARS = 2;
    /** Words before an English escalation term searched for a negator ("don't want to complain"). */
    static final int ESCALATION_NEGATION_WORDS = 3;
    /** Weight of a flipped negative term: "not bad" is lukewarm, not praise. */
    private static final double NEGATED_NEGATIVE_FACTOR = 0.5;

    private static final Pattern CLAUSE_BREAK =
            Pattern.compile("[.,!?;:()\\[\\]\"，。！？；：、…（）「」【】\\n\\r]+");
    private static final Pattern ENGLISH_WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private final Lexicon english;
    private final Lexicon chinese;

    private ChatSignals(Lexicon english, Lexicon chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    private static final class Standard {
        static final ChatSignals INSTANCE = new ChatSignals(
                Lexicon.load("en", term -> term.split(" ").length),
                Lexicon.load("zh", String::length));
    }

    /** The standard lexicons, loaded once per JVM (class loading makes this thread-safe). */
    public static ChatSignals standard() {
        return Standard.INSTANCE;
    }

    /** Scores one message; null or blank text is {@link MessageSignal#NEUTRAL}. */
    public MessageSignal analyse(String text) {
        if (text == null || text.isBlank()) {
            return MessageSignal.NEUTRAL;
        }
        Tally tally = new Tally();
        Set<String> escalation = new LinkedHashSet<>();
        for (String clause : CLAUSE_BREAK.split(text)) {
            if (clause.isBlank()) {
                continue;
            }
            EnglishWords words = EnglishWords.of(clause);
            scoreEnglish(words, tally);
            escalationEnglish(words, escalation);
            scoreChinese(clause, tally);
            escalationChinese(clause, escalation);
        }
        return tally.toSignal(new ArrayList<>(escalation));
    }

    /**
     * A clause's English words, lower-cased, and the same joined by single spaces (the form the
     * lexicon's phrases are written in), with where each word starts in it: a phrase is looked
     * up by walking the lexicon's trie along the joined text once from a word's start, not by
     * joining and hashing every candidate run of words.
     */
    private record EnglishWords(List<String> list, String joined, int[] starts) {

        static EnglishWords of(String clause) {
            String normalised = clause.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
            List<String> words = new ArrayList<>();
            Matcher m = ENGLISH_WORD.matcher(normalised);
            while (m.find()) {
                words.add(m.group());
            }
            int[] starts = new int[words.size()];
            StringBuilder joined = new StringBuilder(normalised.length());
            for (int i = 0; i < words.size(); i++) {
                if (i > 0) {
                    joined.append(' ');
                }
                starts[i] = joined.length();
                joined.append(words.get(i));
            }
            return new EnglishWords(words, joined.toString(), starts);
        }

        int size() {
            return list.size();
        }

        String get(int i) {
            return list.get(i);
        }

        /** Number of words of the longest phrase in {@code listed} starting at word {@code at}, 0 if none. */
        int longestAt(int at, TermTrie listed) {
            int chars = listed.longestAt(joined, starts[at],
                    end -> end == joined.length() || joined.charAt(end) == ' ');
            int end = starts[at] + chars;
            int n = 0;
            while (chars > 0 && at + n < starts.length && starts[at + n] < end) {
                n++;
            }
            return n;
        }

        /** The {@code n} words from {@code at}, as the lexicon writes a phrase. */
        String phrase(int at, int n) {
            return joined.substring(starts[at], starts[at + n - 1] + list.get(at + n - 1).length());
        }
    }

    private void scoreEnglish(EnglishWords words, Tally tally) {
        int negatorAt = -1;
        int i = 0;
        while (i < words.size()) {
            int length = words.longestAt(i, english.sentimentTrie());
            if (length == 0) {
                if (english.isNegator(words.get(i))) {
                    negatorAt = i;
                }
                i++;
                continue;
            }
            Lexicon.Term term = english.sentiment(words.phrase(i, length));
            tally.add(term, negatorAt >= 0 && i - negatorAt <= NEGATION_WORDS);
            i += length;
            // Only a negative phrase passes its negation on: "still not happy" is two negatives.
            boolean passesNegationOn =
                    term.polarity() == Lexicon.Polarity.NEGATIVE && english.isNegator(words.get(i - 1));
            negatorAt = passesNegationOn ? i - 1 : -1;
        }
    }

    private void escalationEnglish(EnglishWords words, Set<String> found) {
        int i = 0;
        while (i < words.size()) {
            int length = words.longestAt(i, english.escalationTrie());
            if (length == 0) {
                i++;
                continue;
            }
            if (!negatedEnglishEscalation(words, i)) {
                found.add(words.phrase(i, length));
            }
            i += length;
        }
    }

    private boolean negatedEnglishEscalation(EnglishWords words, int at) {
        for (int j = Math.max(0, at - ESCALATION_NEGATION_WORDS); j < at; j++) {
            if (english.isNegator(words.get(j))) {
                return true;
            }
        }
        return false;
    }

    private void scoreChinese(String clause, Tally tally) {
        int negatorEnd = -1;
        int i = 0;
        while (i < clause.length()) {
            String match = longestChinese(clause, i, chinese.sentimentTrie());
            if (match != null) {
                Lexicon.Term term = chinese.sentiment(match);
                tally.add(term, negatorEnd >= 0 && i - negatorEnd <= NEGATION_CHARS);
                i += match.length();
                // Only a negative phrase passes its negation on: "有没有" ends in 没有 but negates nothing.
                negatorEnd = term.polarity() == Lexicon.Polarity.NEGATIVE && endsWithNegator(match) ? i : -1;
                continue;
            }
            String negator = longestChinese(clause, i, chinese.negatorTrie());
            if (negator != null) {
                i += negator.length();
                negatorEnd = i;
            } else {
                i++;
            }
        }
    }

    private void escalationChinese(String clause, Set<String> found) {
        int i = 0;
        while (i < clause.length()) {
            String match = longestChinese(clause, i, chinese.escalationTrie());
            if (match == null) {
                i++;
                continue;
            }
            if (!negatedChineseEscalation(clause.substring(0, i))) {
                found.add(match);
            }
            i += match.length();
        }
    }

    /** A negator right before, or with one character ("想", "会", "要") between. */
    private boolean negatedChineseEscalation(String before) {
        return endsWithNegator(before)
                || (!before.isEmpty() && endsWithNegator(before.substring(0, before.length() - 1)));
    }

    private boolean endsWithNegator(String text) {
        for (int n = 1; n <= Math.min(chinese.longestNegator(), text.length()); n++) {
            if (chinese.isNegator(text.substring(text.length() - n))) {
                return true;
            }
        }
        return false;
    }

    /** The longest listed term starting at {@code at} that stands alone, or null. */
    private static String longestChinese(String clause, int at, TermTrie listed) {
        int length = listed.longestAt(clause, at, end -> standsAlone(clause, at, end));
        return length == 0 ? null : clause.substring(at, at + length);
    }

    /**
     * Chinese terms are substrings by design; the lists' ASCII terms (a hotline number like
     * 12315) must not be found inside a longer run of digits or letters such as an order number.
     */
    private static boolean standsAlone(String clause, int start, int end) {
        if (!isAsciiAlnum(clause.charAt(start))) {
            return true;
        }
        return (start == 0 || !isAsciiAlnum(clause.charAt(start - 1)))
                && (end == clause.length() || !isAsciiAlnum(clause.charAt(end)));
    }

    private static boolean isAsciiAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** Weighted hits of one message. */
    private static final class Tally {
        private double positive;
        private double negative;
        private int positiveHits;
        private int negativeHits;

        void add(Lexicon.Term term, boolean negated) {
            switch (term.polarity()) {
                case POSITIVE -> {
                    if (negated) {
                        negativeHit(term.weight());
                    } else {
                        positiveHit(term.weight());
                    }
                }
                case NEGATIVE -> {
                    if (negated) {
                        positiveHit(term.weight() * NEGATED_NEGATIVE_FACTOR);
                    } else {
                        negativeHit(term.weight());
                    }
                }
                case NEUTRAL -> { }
            }
        }

        private void positiveHit(double weight) {
            positive += weight;
            positiveHits++;
        }

        private void negativeHit(double weight) {
            negative += weight;
            negativeHits++;
        }

        MessageSignal toSignal(List<String> escalation) {
            double sentiment = (positive - negative) / Math.max(positive + negative, 1.0);
            return new MessageSignal(sentiment, negativeHits, positiveHits, escalation);
        }
    }
}
