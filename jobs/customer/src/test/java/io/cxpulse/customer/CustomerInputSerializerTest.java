package io.cxpulse.customer;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ComplaintCategory;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CustomerInputSerializerTest {

    private static final List<CustomerInput> ONE_OF_EACH = List.of(
            CustomerInput.of(TestRecords.call("call-1", CallEventType.QUEUED, "C1", NINE_AM)),
            CustomerInput.of(TestRecords.chatMessage("chat-1", "C2", "where is my parcel?", NINE_AM)),
            CustomerInput.of(TestRecords.survey("call-1", "C1", 2, 3, NINE_AM)),
            CustomerInput.of(TestRecords.shipped("o-1", "C3", "WH-F", NINE_AM)),
            CustomerInput.of(TestRecords.complaintOpened("k-1", "C3", ComplaintCategory.SHIPPING, "o-1", NINE_AM)));

    private final TypeSerializer<CustomerInput> serializer =
            CustomerInput.TYPE.createSerializer(new SerializerConfigImpl());

    @Test
    void eachInputComesBackAsItWentInWithOnlyItsOwnField() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (CustomerInput in : ONE_OF_EACH) {
            serializer.serialize(in, out);
        }
        DataInputDeserializer source = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        for (int i = 0; i < ONE_OF_EACH.size(); i++) {
            CustomerInput read = serializer.deserialize(source);
            assertThat(read.input()).isEqualTo(i);
            assertThat(read).usingRecursiveComparison().isEqualTo(ONE_OF_EACH.get(i));
            assertThat(CustomerInput.customerOf(read)).isEqualTo(CustomerInput.customerOf(ONE_OF_EACH.get(i)));
        }
        assertThat(source.available()).isZero();
    }

    @Test
    void aCopyIsEqualButSharesNothing() {
        for (CustomerInput in : ONE_OF_EACH) {
            CustomerInput copy = serializer.copy(in);
            assertThat(copy).usingRecursiveComparison().isEqualTo(in);
            assertThat(List.of(copy.call == null || copy.call != in.call, copy.chat == null || copy.chat != in.chat,
                    copy.survey == null || copy.survey != in.survey, copy.complaint == null || copy.complaint != in.complaint,
                    copy.shipment == null || copy.shipment != in.shipment)).containsOnly(true);
        }
    }

    @Test
    void anUnknownTagIsAnErrorNotAnEmptyInput() {
        DataInputDeserializer source = new DataInputDeserializer(new byte[] {9, 0, 0});
        assertThatThrownBy(() -> serializer.deserialize(source)).isInstanceOf(IOException.class)
                .hasMessageContaining("tag: 9");
    }

    @Test
    void itsSnapshotRestoresTheSameSerializerAndIsCompatibleAsIs() throws IOException {
        TypeSerializerSnapshot<CustomerInput> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<CustomerInput> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        TypeSerializerSchemaCompatibility<CustomerInput> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(serializer.duplicate()).isEqualTo(serializer);
    }
}
