package io.cxpulse.customer;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link CustomerInput}: serialized by {@link CustomerInputSerializer}. */
public final class CustomerInputTypeInfo extends TypeInformation<CustomerInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<CustomerInput> getTypeClass() {
        return CustomerInput.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<CustomerInput> createSerializer(SerializerConfig config) {
        return new CustomerInputSerializer();
    }

    @Override
    public String toString() {
        return "CustomerInput";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerInputTypeInfo;
    }

    @Override
    public int hashCode() {
        return CustomerInputTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CustomerInputTypeInfo;
    }
}
