package io.cxpulse.customer;

import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;

/**
 * A {@link CustomerInput} as it crosses the exchange into the customer core: one byte that says
 * which input it is, then that input's record in Avro's serializer. A generic POJO serializer
 * would write a null marker per field and, on every read, first fill all five fields with empty
 * Avro records made by reflection, only to overwrite them.
 */
public final class CustomerInputSerializer extends TypeSerializer<CustomerInput> {

    private static final long serialVersionUID = 1L;

    /** One serializer per input, in the order of {@link CustomerInput#CALL} ... {@link CustomerInput#COMPLAINT}. */
    private final TypeSerializer<?>[] inputs;

    public CustomerInputSerializer() {
        this(new TypeSerializer<?>[] {new AvroSerializer<>(CallEvent.class), new AvroSerializer<>(ChatEvent.class),
            new AvroSerializer<>(SurveyResponse.class), new AvroSerializer<>(ShipmentEvent.class),
            new AvroSerializer<>(ComplaintEvent.class)});
    }

    CustomerInputSerializer(TypeSerializer<?>[] inputs) {
        if (inputs.length != 5) {
            throw new IllegalArgumentException("one serializer per input, five: " + inputs.length);
        }
        this.inputs = inputs;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<CustomerInput> duplicate() {
        TypeSerializer<?>[] copies = new TypeSerializer<?>[inputs.length];
        boolean same = true;
        for (int i = 0; i < inputs.length; i++) {
            copies[i] = inputs[i].duplicate();
            same &= copies[i] == inputs[i];
        }
        return same ? this : new CustomerInputSerializer(copies);
    }

    @Override
    public CustomerInput createInstance() {
        return new CustomerInput();
    }

    @Override
    public CustomerInput copy(CustomerInput from) {
        int input = from.input();
        return CustomerInput.of(input, serializer(input).copy(from.record()));
    }

    @Override
    public CustomerInput copy(CustomerInput from, CustomerInput reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CustomerInput record, DataOutputView target) throws IOException {
        int input = record.input();
        target.writeByte(input);
        serializer(input).serialize(record.record(), target);
    }

    @Override
    public CustomerInput deserialize(DataInputView source) throws IOException {
        int input = source.readByte();
        if (input < 0 || input >= inputs.length) {
            throw new IOException("not a customer input tag: " + input);
        }
        return CustomerInput.of(input, serializer(input).deserialize(source));
    }

    @Override
    public CustomerInput deserialize(CustomerInput reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @SuppressWarnings("unchecked")
    private TypeSerializer<Object> serializer(int input) {
        return (TypeSerializer<Object>) inputs[input];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerInputSerializer other && Arrays.equals(inputs, other.inputs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputs);
    }

    @Override
    public TypeSerializerSnapshot<CustomerInput> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The serializer's snapshot: its five Avro serializers' snapshots. */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<CustomerInput, CustomerInputSerializer> {

        private static final int VERSION = 1;

        public Snapshot() {}

        Snapshot(CustomerInputSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(CustomerInputSerializer outer) {
            return outer.inputs.clone();
        }

        @Override
        protected CustomerInputSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new CustomerInputSerializer(nested);
        }
    }
}
