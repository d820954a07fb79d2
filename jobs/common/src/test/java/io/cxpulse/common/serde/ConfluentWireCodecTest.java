package io.cxpulse.common.serde;

import static io.cxpulse.common.testing.TestRecords.FIVE_MINUTES;
import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cxpulse.common.testing.ApicurioRegistry;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Confluent wire format against a real registry (Apicurio, Confluent-compatible API), and
 * the registry client's failure policy against small real HTTP servers that misbehave on
 * purpose.
 */
class ConfluentWireCodecTest {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = new ApicurioRegistry();

    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfluentWireCodec<CallEvent> calls = codec(CallEvent.class);

    // --- Round trips and the registry's view --------------------------------------------------

    @Test
    void roundTripsEveryInputRecordTypeAndAlert() throws Exception {
        assertRoundTrip(CallEvent.class, TestRecords.call("c1", CallEventType.ENDED, "C1042", NINE_AM));
        assertRoundTrip(ChatEvent.class, TestRecords.chatMessage("chat-1", "C1042", "where is my parcel?", NINE_AM));
        assertRoundTrip(SurveyResponse.class, TestRecords.survey("c1", "C1042", 1, 0, NINE_AM));
        assertRoundTrip(ShipmentEvent.class, TestRecords.shipped("o-77", "C1042", "acme", NINE_AM));
        assertRoundTrip(ComplaintEvent.class,
                TestRecords.complaintOpened("k1", "C1042", ComplaintCategory.SHIPPING, "o-77", NINE_AM));
        assertRoundTrip(Alert.class, TestRecords.poorExperienceAlert(NINE_AM));
    }

    @Test
    void registersTheSchemaUnderTheTopicsValueSubjectAndWritesItsId() throws Exception {
        String topic = freshTopic();
        byte[] bytes = calls.encode(topic, TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));

        JsonNode latest = registryGet("/subjects/" + topic + "-value/versions/latest");
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latest.get("id").intValue());
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(CallEvent.getClassSchema());
    }

    @Test
    void registersTheSchemaOncePerTopic() throws Exception {
        String topic = freshTopic();
        byte[] first = calls.encode(topic, TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        byte[] second = calls.encode(topic, TestRecords.call("c2", CallEventType.QUEUED, "C2", NINE_AM));

        assertThat(Arrays.copyOf(second, 5)).isEqualTo(Arrays.copyOf(first, 5));
        assertThat(registryGet("/subjects/" + topic + "-value/versions").size()).isEqualTo(1);
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaDecodesIntoTheCurrentClass() throws Exception {
        // An older CallEvent without order_id: the fields after it sit one position earlier in
        // the bytes, so only schema resolution puts reason and complaint where they belong.
        Schema current = CallEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().equals("order_id")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        String topic = freshTopic();
        int olderId = new SchemaRegistryClient(config()).register(ConfluentWireCodec.subjectOf(topic), older);

        GenericRecord written = new GenericData.Record(older);
        written.put("event_id", "call-9-ended");
        written.put("call_id", "call-9");
        written.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "ENDED"));
        written.put("event_time", NINE_AM.toEpochMilli());
        written.put("customer_id", "C1042");
        written.put("queue", "billing");
        written.put("agent_id", "agent-7");
        written.put("team_id", "team-blue");
        written.put("reason", "refund");
        written.put("complaint", true);
        written.put("resolved", false);

        CallEvent read = calls.decode(topic, confluentBytes(olderId, older, written));

        assertThat(read.getOrderId()).isNull();
        assertThat(read.getReason()).isEqualTo("refund");
        assertThat(read.getComplaint()).isTrue();
        assertThat(read.getResolved()).isFalse();
        assertThat(read.getType()).isEqualTo(CallEventType.ENDED);
        assertThat(read.getEventTime()).isEqualTo(NINE_AM);
    }

    // --- Bad input is a dead letter with the right reason ---------------------------------------

    @Test
    void aFirstByteOtherThanZeroIsTheWrongWireFormat() {
        byte[] bytes = calls.encode(freshTopic(), TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        bytes[0] = 1;
        assertReason(() -> calls.decode("t", bytes), DeadLetterReason.WRONG_WIRE_FORMAT);
        // Avro single-object encoding starts C3 01: the other wire format is not this one.
        byte[] singleObject = SingleObjectCodec.forClass(CallEvent.class)
                .encode("t", TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        assertReason(() -> calls.decode("t", singleObject), DeadLetterReason.WRONG_WIRE_FORMAT);
        assertReason(() -> calls.decode("t", "{\"call_id\":\"c1\"}".getBytes(StandardCharsets.UTF_8)),
                DeadLetterReason.WRONG_WIRE_FORMAT);
    }

    @Test
    void fewerThanFiveBytesAreTheWrongWireFormat() {
        assertReason(() -> calls.decode("t", null), DeadLetterReason.WRONG_WIRE_FORMAT);
        assertReason(() -> calls.decode("t", new byte[0]), DeadLetterReason.WRONG_WIRE_FORMAT);
        assertReason(() -> calls.decode("t", new byte[] {0, 0, 0, 1}), DeadLetterReason.WRONG_WIRE_FORMAT);
    }

    @Test
    void anIdTheRegistryDoesNotKnowIsAnUnknownSchema() {
        byte[] bytes = calls.encode(freshTopic(), TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        ByteBuffer.wrap(bytes, 1, 4).putInt(987_654_321);
        assertReason(() -> calls.decode("t", bytes), DeadLetterReason.UNKNOWN_SCHEMA);
        // The second time it is answered from memory, with the same verdict.
        assertReason(() -> calls.decode("t", bytes), DeadLetterReason.UNKNOWN_SCHEMA);
    }

    @Test
    void aRecordOfAnotherTypeIsAnUnknownSchemaForThisReader() {
        ConfluentWireCodec<SurveyResponse> surveys = codec(SurveyResponse.class);
        byte[] survey = surveys.encode(freshTopic(), TestRecords.survey("c1", "C1", 4, 9, NINE_AM));
        assertReason(() -> calls.decode("t", survey), DeadLetterReason.UNKNOWN_SCHEMA);
    }

    @Test
    void truncatedOrPaddedBodiesAreUndecodable() {
        byte[] bytes = calls.encode(freshTopic(), TestRecords.call("c1", CallEventType.ENDED, "C1", NINE_AM));
        assertReason(() -> calls.decode("t", Arrays.copyOf(bytes, bytes.length - 4)), DeadLetterReason.UNDECODABLE);
        assertReason(() -> calls.decode("t", Arrays.copyOf(bytes, 5)), DeadLetterReason.UNDECODABLE);
        assertReason(() -> calls.decode("t", Arrays.copyOf(bytes, bytes.length + 3)), DeadLetterReason.UNDECODABLE);
        // The codec's reused decoder is not left in a bad state by what went before.
        assertThat(decodeUnchecked(bytes).getCallId()).isEqualTo("c1");
    }

    @Test
    void garbageAfterAValidHeaderIsUndecodable() {
        byte[] bytes = calls.encode(freshTopic(), TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        byte[] garbage = Arrays.copyOf(bytes, 5 + 64);
        Arrays.fill(garbage, 5, garbage.length, (byte) 0xFF);
        assertReason(() -> calls.decode("t", garbage), DeadLetterReason.UNDECODABLE);
    }

    @Test
    void aForgedHugeLengthPrefixIsUndecodableWithoutExhaustingMemory() throws Exception {
        byte[] bytes = calls.encode(freshTopic(), TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        // event_id, the first field, is a string: claim it is 2^31 - 1 bytes long ...
        byte[] forgedString = concat(Arrays.copyOf(bytes, 5), new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
        // ... or 2^62 bytes long.
        byte[] forgedLong = concat(Arrays.copyOf(bytes, 5),
                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                    (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01});
        for (int i = 0; i < 100; i++) {
            assertReason(() -> calls.decode("t", forgedString), DeadLetterReason.UNDECODABLE);
            assertReason(() -> calls.decode("t", forgedLong), DeadLetterReason.UNDECODABLE);
        }

        // Alert.reasons is an array: claim it holds 2^31 - 1 items.
        ConfluentWireCodec<Alert> alerts = codec(Alert.class);
        Alert alert = TestRecords.poorExperienceAlert(NINE_AM);
        alert.setReasons(List.of());
        alert.setEvidence(Map.of());
        byte[] valid = alerts.encode(freshTopic(), alert);
        int reasonsAt = arrayCountOffset(valid, alert);
        byte[] forgedArray = concat(Arrays.copyOf(valid, reasonsAt),
                new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
        assertReason(() -> alerts.decode("t", forgedArray), DeadLetterReason.UNDECODABLE);
    }

    // --- The registry is infrastructure: its failures fail the job ------------------------------

    @Test
    void anUnreachableRegistryFailsTheJobInsteadOfDeadLetteringGoodData() {
        SchemaRegistryConfig nobodyThere = new SchemaRegistryConfig(
                "http://127.0.0.1:" + freeLoopbackPort(), null, Duration.ofSeconds(2));
        ConfluentWireCodec<CallEvent> codec = new ConfluentWireCodec<>(CallEvent.class, nobodyThere);
        byte[] bytes = calls.encode(freshTopic(), TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));

        assertThatThrownBy(() -> codec.encode("t", TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> codec.decode("t", bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void aRegistryThatAnswersWith5xxFailsTheJob() throws Exception {
        try (FakeRegistry failing = new FakeRegistry(503, "{\"error_code\":50302,\"message\":\"backend down\"}")) {
            ConfluentWireCodec<CallEvent> codec = new ConfluentWireCodec<>(CallEvent.class, failing.config(null));
            assertThatThrownBy(() -> codec.encode("t", TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 503");
            assertThatThrownBy(() -> codec.decode("t", new byte[] {0, 0, 0, 0, 7, 2, 2}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 503");
        }
    }

    @Test
    void aUrlThatLeadsToNoRegistryApiFailsTheJobRatherThanDeadLetteringEveryRecord() {
        // Apicurio's root, without /apis/ccompat/v7: it answers 404, but not "schema not found".
        String root = REGISTRY.ccompatUrl().replace(ApicurioRegistry.CCOMPAT_PATH, "");
        ConfluentWireCodec<CallEvent> codec = new ConfluentWireCodec<>(CallEvent.class, SchemaRegistryConfig.of(root));
        assertThatThrownBy(() -> codec.decode("t", new byte[] {0, 0, 0, 0, 1, 2, 2}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check serde.schema-registry-url");
    }

    @Test
    void fetchesEachWriterSchemaOnceAndThenDecodesWithoutTheRegistry() throws Exception {
        CallEvent call = TestRecords.call("c1", CallEventType.ANSWERED, "C1", NINE_AM.plus(FIVE_MINUTES));
        byte[] bytes = withId(7, SingleObjectCodec.forClass(CallEvent.class).encode("t", call), SingleObjectCodec.HEADER_LENGTH);
        ConfluentWireCodec<CallEvent> codec;
        try (FakeRegistry registry = new FakeRegistry(200, schemaAnswer(CallEvent.getClassSchema()))) {
            codec = new ConfluentWireCodec<>(CallEvent.class, registry.config(null));
            assertThat(codec.decode("t", bytes)).isEqualTo(call);
            assertThat(codec.decode("t", bytes)).isEqualTo(call);
            assertThat(registry.requests()).containsExactly("GET /schemas/ids/7");
        }
        assertThat(codec.decode("t", bytes)).isEqualTo(call);
    }

    @Test
    void sendsBasicAuthCredentialsAndNeverShowsThem() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}")) {
            SchemaRegistryConfig config = registry.config("cx-pulse:s3cr3t-pa55");
            ConfluentWireCodec<CallEvent> codec = new ConfluentWireCodec<>(CallEvent.class, config);

            assertThatThrownBy(() -> codec.encode("cx.calls.v1", TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("s3cr3t");
            assertThat(registry.authorizations()).containsExactly(
                    "Basic " + Base64.getEncoder().encodeToString("cx-pulse:s3cr3t-pa55".getBytes(StandardCharsets.UTF_8)));
            assertThat(registry.requests()).containsExactly("POST /subjects/cx.calls.v1-value/versions");
            assertThat(registry.contentTypes()).containsExactly(SchemaRegistryClient.CONTENT_TYPE);
            assertThat(config.toString()).doesNotContain("s3cr3t").contains("******");
            assertThat(codec.toString()).doesNotContain("s3cr3t");
        }
    }

    @Test
    void travelsInsideAFlinkFunctionAndWorksWhereItLands() throws Exception {
        String topic = freshTopic();
        CallEvent call = TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM);
        byte[] bytes = calls.encode(topic, call);

        ConfluentWireCodec<CallEvent> copy = roundTripJavaSerialization(calls);

        copy.open();
        assertThat(copy.decode(topic, bytes)).isEqualTo(call);
        assertThat(copy.encode(topic, call)).isEqualTo(bytes);
    }

    @Test
    void rejectsAConfigurationThatCannotWork() {
        assertThatThrownBy(() -> SchemaRegistryConfig.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistryConfig.of("registry:8081")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistryConfig.of("http://alice:secret@registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new SchemaRegistryConfig("http://registry:8081", "no-colon", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SchemaRegistryConfig.of("http://registry:8081/apis/ccompat/v7/").url())
                .isEqualTo("http://registry:8081/apis/ccompat/v7");
        assertThat(SchemaRegistryConfig.of("http://registry:8081").timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    // --- Helpers -----------------------------------------------------------------------------

    private static SchemaRegistryConfig config() {
        return SchemaRegistryConfig.of(REGISTRY.ccompatUrl());
    }

    private static <T extends SpecificRecordBase> ConfluentWireCodec<T> codec(Class<T> type) {
        return new ConfluentWireCodec<>(type, config());
    }

    private static String freshTopic() {
        return "cx.test-" + TOPIC_SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <T extends SpecificRecordBase> void assertRoundTrip(Class<T> type, T record) throws Exception {
        ConfluentWireCodec<T> writer = codec(type);
        String topic = freshTopic();
        byte[] bytes = writer.encode(topic, record);
        // A second codec, as a reading job would have: it must fetch the schema by id.
        assertThat(codec(type).decode(topic, bytes)).isEqualTo(record);
    }

    /**
     * Where the item count of {@code reasons} sits in an alert with empty {@code reasons} and
     * {@code evidence} and no window: after it come four one-byte values (the two counts, the two
     * union branches of the window) and the two timestamps as varints.
     */
    private static int arrayCountOffset(byte[] valid, Alert alert) throws IOException {
        ByteArrayOutputStream timestamps = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(timestamps, null);
        encoder.writeLong(alert.getEventTime().toEpochMilli());
        encoder.writeLong(alert.getDetectedAt().toEpochMilli());
        encoder.flush();
        int offset = valid.length - 4 - timestamps.size();
        assertThat(valid[offset]).as("an empty array is written as count 0").isZero();
        return offset;
    }

    private static byte[] confluentBytes(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Replaces a {@code headerLength}-byte header with a Confluent header carrying {@code id}. */
    private static byte[] withId(int id, byte[] encoded, int headerLength) {
        byte[] body = Arrays.copyOfRange(encoded, headerLength, encoded.length);
        return concat(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array(), body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private CallEvent decodeUnchecked(byte[] bytes) {
        try {
            return calls.decode("t", bytes);
        } catch (InvalidRecordException e) {
            throw new AssertionError(e);
        }
    }

    private static String schemaAnswer(Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private static JsonNode registryGet(String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(REGISTRY.ccompatUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTripJavaSerialization(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertReason(ThrowingCallable decode, DeadLetterReason reason) {
        assertThatThrownBy(decode)
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
    }

    /**
     * A registry that gives every request the same answer and records what it was asked: a real
     * HTTP server on loopback, for the failure modes a real registry cannot be made to show.
     */
    private static final class FakeRegistry implements AutoCloseable {

        private final HttpServer server;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        private final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());

        FakeRegistry(int status, String body) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType != null) {
                    contentTypes.add(contentType);
                }
                exchange.getRequestBody().readAllBytes();
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        SchemaRegistryConfig config(String userInfo) {
            return new SchemaRegistryConfig(
                    "http://127.0.0.1:" + server.getAddress().getPort(), userInfo, Duration.ofSeconds(5));
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        List<String> authorizations() {
            return List.copyOf(authorizations);
        }

        List<String> contentTypes() {
            return List.copyOf(contentTypes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
