package io.cxpulse.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What simulated chat participants write, in English and Chinese. A customer's line follows
 * their mood: {@link Mood#CONTENT} and {@link Mood#NEUTRAL} lines must read as neither negative
 * nor escalating to the chat lexicon, {@link Mood#UNHAPPY} lines as negative, and
 * {@link Mood#ESCALATING} lines carry escalation words ({@code ChatPhrasesTest} holds them to
 * that).
 */
public final class ChatPhrases {

    /** How the customer feels. */
    public enum Mood { CONTENT, NEUTRAL, UNHAPPY, ESCALATING }

    static final List<String> OPENING_EN = List.of(
            "Hi, I have a question about my order.",
            "Hello, can you help me with my account?",
            "Hi there, I need some help with a payment.",
            "Good morning, I'd like to check the status of a return.");
    static final List<String> OPENING_ZH = List.of(
            "你好，我想查一下我的订单。",
            "您好，请问可以帮我看一下账户吗？",
            "你好，我想咨询一下付款的事情。");
    static final List<String> CONTENT_EN = List.of(
            "Thanks, that was really helpful!",
            "Great, that solves it. Thank you.",
            "Perfect, thanks for the quick help.",
            "That's not bad at all, thanks.");
    static final List<String> CONTENT_ZH = List.of(
            "谢谢，问题解决了。",
            "太好了，非常感谢！",
            "不错，谢谢你的帮助。",
            "好的，没有问题了，谢谢。");
    static final List<String> UNHAPPY_EN = List.of(
            "This is really frustrating, nothing works.",
            "I'm very disappointed, this is terrible service.",
            "Still broken. This is useless and I've wasted an hour.",
            "Awful. I'm so annoyed that nobody can fix this.");
    static final List<String> UNHAPPY_ZH = List.of(
            "太失望了，一直没人处理。",
            "服务太差了，浪费我的时间。",
            "还是不行，真的很糟糕。",
            "太慢了，我很生气。");
    static final List<String> ESCALATING_EN = List.of(
            "This is terrible. I want to speak to a manager.",
            "I'm going to file a formal complaint about this awful service.",
            "Useless. Cancel my account and I want my money back.");
    static final List<String> ESCALATING_ZH = List.of(
            "太差了，我要投诉！",
            "太差了，我要找你们领导。",
            "再不处理我就去消协投诉。");
    /** A customer on their third contact or later says so. */
    static final String COMING_BACK_EN = "This is the third time I'm contacting you about this. I want a manager.";
    static final String COMING_BACK_ZH = "第三次联系你们了，还是没解决，我要投诉！";
    static final List<String> AGENT_EN = List.of(
            "Let me check that for you.",
            "Thank you for waiting, I'm looking into it now.",
            "I've updated your case; you'll get an email shortly.");
    static final List<String> AGENT_ZH = List.of(
            "我帮您查一下。",
            "感谢您的耐心等待，正在为您处理。",
            "已经为您更新了，稍后会收到邮件。");

    private ChatPhrases() {}

    public static String opening(SplittableRandom random, boolean chinese) {
        return pick(random, chinese ? OPENING_ZH : OPENING_EN);
    }

    /** A customer's line in {@code mood} on their {@code attempt}-th contact about the issue. */
    public static String customer(SplittableRandom random, boolean chinese, Mood mood, int attempt) {
        if (mood == Mood.ESCALATING && attempt >= 3) {
            return chinese ? COMING_BACK_ZH : COMING_BACK_EN;
        }
        return pick(random, switch (mood) {
            case CONTENT -> chinese ? CONTENT_ZH : CONTENT_EN;
            case NEUTRAL -> chinese ? OPENING_ZH : OPENING_EN;
            case UNHAPPY -> chinese ? UNHAPPY_ZH : UNHAPPY_EN;
            case ESCALATING -> chinese ? ESCALATING_ZH : ESCALATING_EN;
        });
    }

    public static String agent(SplittableRandom random, boolean chinese) {
        return pick(random, chinese ? AGENT_ZH : AGENT_EN);
    }

    private static String pick(SplittableRandom random, List<String> lines) {
        return lines.get(random.nextInt(lines.size()));
    }
}
