package io.cxpulse.common.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatSignalsTest {

    private final ChatSignals signals = ChatSignals.standard();

    @ParameterizedTest(name = "negative: {0}")
    @ValueSource(strings = {
        "This is ridiculous, I have been waiting for two weeks",
        "Your service is terrible and the agent was rude",
        "Still not delivered. What a waste of time.",
        "I'm really disappointed, the parcel arrived damaged",
        "The app is never helpful",
        "I am not happy with this at all",
        "I\u2019m not happy with this",
        "Still not happy with the answer",
        "It is still not resolved",
        "Unacceptable. Thanks.",
        "Worst customer service ever, absolutely useless",
        "Nobody called me back and I'm fed up",
        "太差了，等了两个星期还没到",
        "你们的服务让我很失望",
        "我对这个处理结果不满意",
        "客服态度差，敷衍了事",
        "我不喜欢这种处理方式",
        "这个结果不太好",
        "不是很满意",
        "问题还是没有解决",
        "快递到现在还没收到",
        "太差了，谢谢"})
    void angryMessagesAreNegative(String text) {
        MessageSignal signal = signals.analyse(text);
        assertThat(signal.isNegative()).as("%s -> %s", text, signal).isTrue();
    }

    @ParameterizedTest(name = "positive: {0}")
    @ValueSource(strings = {
        "Thanks, that was really helpful!",
        "Perfect, the issue is solved",
        "Great service, thank you so much",
        "I can't thank you enough",
        "非常感谢，问题已解决",
        "服务很好，我很满意",
        "不错，谢谢",
        "没有问题，谢谢",
        "客服很专业，解决了我的问题"})
    void gratefulMessagesArePositive(String text) {
        MessageSignal signal = signals.analyse(text);
        assertThat(signal.sentiment()).as("%s -> %s", text, signal).isPositive();
        assertThat(signal.isNegative()).isFalse();
    }

    @ParameterizedTest(name = "neutral: {0}")
    @ValueSource(strings = {
        "Where is my parcel?",
        "Can you tell me when order 5001 will arrive?",
        "I lost my password, can you help?",
        "Is it too late to change my delivery address?",
        "Good morning, I have a question about my bill",
        "No, thanks",
        "No thanks, that's all",
        "No problem thanks",
        "not bad at all",
        "I have no problem with the delivery time",
        "我的快递什么时候到？",
        "请帮我查一下订单号",
        "不好意思，请问我的快递到哪了？",
        "这样处理好不好？",
        "帮我看看行不行",
        "我还没用过这个功能",
        "有没有很好的办法？",
        "是不是已经发货了？",
        "不，谢谢",
        "没有问题，谢谢",
        "不错",
        "没问题"})
    void questionsAndMildMessagesAreNeitherNegativeNorEscalations(String text) {
        MessageSignal signal = signals.analyse(text);
        assertThat(signal.isNegative()).as("%s -> %s", text, signal).isFalse();
        assertThat(signal.hasEscalation()).as("%s -> %s", text, signal).isFalse();
    }

    @ParameterizedTest(name = "nothing to score: \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Where is my parcel?", "我的快递什么时候到？", "Order 5001"})
    void messagesWithoutListedWordsScoreExactlyZero(String text) {
        assertThat(signals.analyse(text)).isEqualTo(MessageSignal.NEUTRAL);
    }

    static Stream<Arguments> negationCases() {
        return Stream.of(
                // text, expected sentiment sign: -1 negative, 0 zero, 1 positive
                Arguments.of("not bad", 1),
                Arguments.of("not happy", -1),
                Arguments.of("never helpful", -1),
                Arguments.of("not at all helpful", -1),
                Arguments.of("not good enough", -1),
                Arguments.of("it isn't working", -1),
                Arguments.of("no problem", 0),
                Arguments.of("不错", 1),
                Arguments.of("没有问题", 1),
                Arguments.of("没问题", 1),
                Arguments.of("不满意", -1),
                Arguments.of("不好", -1),
                Arguments.of("不太好", -1),
                Arguments.of("不太满意", -1),
                Arguments.of("不是很满意", -1),
                Arguments.of("不喜欢", -1),
                Arguments.of("不专业", -1),
                Arguments.of("满不满意", 0),
                Arguments.of("不好意思", 0));
    }

    @ParameterizedTest(name = "{0} has sentiment sign {1}")
    @MethodSource("negationCases")
    void negationFlipsTheNextTermButSetPhrasesKeepTheirOwnMeaning(String text, int sign) {
        assertThat(Math.signum(signals.analyse(text).sentiment())).as(text).isEqualTo((double) sign);
    }

    @Test
    void notBadIsOnlyLukewarmPraise() {
        assertThat(signals.analyse("not bad").sentiment()).isCloseTo(0.5, within(1e-9));
        assertThat(signals.analyse("good").sentiment()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aNegatorDoesNotReachAcrossACommaOrTooManyWords() {
        assertThat(signals.analyse("No, thanks").sentiment()).isPositive();
        assertThat(signals.analyse("不，谢谢").sentiment()).isPositive();
        // Known limit, pinned so a change is deliberate: the negator is four words before "helpful".
        assertThat(signals.analyse("I don't think the agent was helpful").sentiment()).isPositive();
    }

    @Test
    void aPoliteSignOffDoesNotCancelAComplaint() {
        MessageSignal signal = signals.analyse("The delivery is late again, thanks");
        assertThat(signal.negativeHits()).isEqualTo(1);
        assertThat(signal.positiveHits()).isEqualTo(1);
        assertThat(signal.sentiment()).isCloseTo(-1.0 / 3, within(1e-9));
        assertThat(signal.isNegative()).isTrue();
    }

    @Test
    void aGenuinePositiveBalancesOneNegative() {
        MessageSignal signal = signals.analyse("The wait was terrible but the agent was great");
        assertThat(signal.sentiment()).isZero();
        assertThat(signal.isNegative()).isFalse();
    }

    @ParameterizedTest(name = "escalation: {0}")
    @ValueSource(strings = {
        "I want to speak to a manager",
        "I want to speak to a manager right now",
        "I will file a complaint and talk to my lawyer",
        "This is the third time I call about this",
        "Cancel my account",
        "Don't make me call my lawyer",
        "If you don't fix this I will complain",
        "I\u2019m going to post this on social media",
        "我要投诉你们",
        "这是我第三次打电话了",
        "再不处理我就打12315",
        "叫你们主管来",
        "不给我退款我就去消协",
        "不要逼我投诉"})
    void escalationWordsAreFound(String text) {
        assertThat(signals.analyse(text).hasEscalation()).as(text).isTrue();
    }

    @ParameterizedTest(name = "no escalation: {0}")
    @ValueSource(strings = {
        "Could you check the delivery date please?",
        "Please update my delivery address",
        "No complaints, the agent was lovely",
        "I'm not complaining, just asking",
        "I won't cancel my account, I just want the invoice",
        "I don't want to complain but can you check",
        "我想改一下收货地址",
        "我不投诉了，谢谢",
        "没有投诉，只是问一下",
        "订单号123159876什么时候发货",
        "Order 12345 arrived yesterday"})
    void ordinaryAndNegatedMessagesHaveNoEscalation(String text) {
        assertThat(signals.analyse(text).escalationTerms()).as(text).isEmpty();
    }

    @Test
    void theEscalationTermsAreReportedOnceInTheOrderFound() {
        assertThat(signals.analyse("已经第三次联系了，还是没有解决，我要投诉，投诉！").escalationTerms())
                .containsExactly("第三次", "投诉");
        assertThat(signals.analyse("Third time this week. Get me a manager or I file a complaint")
                .escalationTerms()).containsExactly("third time", "manager", "complaint");
    }

    @Test
    void anEnglishPhraseIsMatchedOnWholeWordsLongestFirst() {
        assertThat(signals.analyse("I will file a formal complaint today").escalationTerms())
                .containsExactly("formal complaint");
        assertThat(signals.analyse("two formal complaints already").escalationTerms()).containsExactly("complaints");
        assertThat(signals.analyse("please cancel my accounts page").escalationTerms()).isEmpty();
        assertThat(signals.analyse("Cancel   my\tAccount!").escalationTerms()).containsExactly("cancel my account");
    }

    @Test
    void aMixedLanguageMessageIsReadInBothLanguages() {
        MessageSignal signal = signals.analyse("This is ridiculous，我要投诉 and talk to a manager");
        assertThat(signal.isNegative()).isTrue();
        assertThat(signal.escalationTerms()).containsExactlyInAnyOrder("投诉", "manager");
    }

    @Test
    void theSignalOfAnAngryEscalationCarriesBoth() {
        MessageSignal signal = signals.analyse("这是我第三次联系你们了，太差了，我要投诉");
        assertThat(signal.isNegative()).isTrue();
        assertThat(signal.negativeHits()).isEqualTo(1);
        assertThat(signal.escalationTerms()).containsExactly("第三次", "投诉");
    }

    @ParameterizedTest(name = "in range: {0}")
    @ValueSource(strings = {
        "terrible terrible terrible thanks",
        "great great great not bad",
        "太差 很差 垃圾 谢谢 满意",
        "not not not happy"})
    void sentimentStaysBetweenMinusOneAndOne(String text) {
        assertThat(signals.analyse(text).sentiment()).isBetween(-1.0, 1.0);
    }

    @Test
    void aSerializedCopyScoresTheSame() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(signals);
        }
        ChatSignals copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ChatSignals) in.readObject();
        }
        for (String text : List.of("I am not happy, get me a manager", "不错，谢谢", "我要投诉", "not bad")) {
            assertThat(copy.analyse(text)).as(text).isEqualTo(signals.analyse(text));
        }
    }
}
