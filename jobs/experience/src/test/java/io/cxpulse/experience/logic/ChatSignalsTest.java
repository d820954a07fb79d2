package io.cxpulse.experience.logic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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
        "太差了，等了两个星期还没到",
        "你们的服务让我很失望",
        "我对这个处理结果不满意",
        "客服态度差，敷衍了事",
        "我不喜欢这种处理方式",
        "这个结果不太好"})
    void angryMessagesAreNegative(String text) {
        assertThat(signals.analyse(text).isNegative()).isTrue();
    }

    @ParameterizedTest(name = "positive: {0}")
    @ValueSource(strings = {
        "Thanks, that was really helpful!",
        "Perfect, the issue is solved",
        "非常感谢，问题已解决",
        "服务很好，我很满意",
        "不错，谢谢"})
    void gratefulMessagesArePositive(String text) {
        assertThat(signals.analyse(text).sentiment()).isPositive();
        assertThat(signals.analyse(text).isNegative()).isFalse();
    }

    @ParameterizedTest(name = "neutral: {0}")
    @ValueSource(strings = {
        "Where is my parcel?",
        "Can you tell me when order 5001 will arrive?",
        "我的快递什么时候到？",
        "请帮我查一下订单号",
        "没有问题，谢谢",
        "not bad at all",
        "不错",
        "I have no problem with the delivery time",
        ""})
    void questionsAndMildMessagesAreNotNegative(String text) {
        MessageSignal signal = signals.analyse(text);
        assertThat(signal.isNegative()).isFalse();
        assertThat(signal.hasEscalation()).isFalse();
    }

    @ParameterizedTest(name = "escalation: {0}")
    @ValueSource(strings = {
        "I want to speak to a manager right now",
        "I will file a complaint and talk to my lawyer",
        "This is the third time I call about this",
        "Cancel my account",
        "我要投诉你们",
        "这是我第三次打电话了",
        "再不处理我就打12315",
        "叫你们主管来"})
    void escalationWordsAreFound(String text) {
        assertThat(signals.analyse(text).hasEscalation()).isTrue();
    }

    @ParameterizedTest(name = "no escalation: {0}")
    @ValueSource(strings = {
        "Could you check the delivery date please?",
        "Please update my delivery address",
        "我想改一下收货地址",
        "Order 12345 arrived yesterday"})
    void ordinaryMessagesHaveNoEscalation(String text) {
        assertThat(signals.analyse(text).escalationTerms()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theEscalationTermsAreReportedAsFound() {
        assertThat(signals.analyse("已经第三次联系了，还是没有解决，我要投诉").escalationTerms())
                .containsExactly("第三次", "投诉");
    }
}
