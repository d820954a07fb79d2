package io.cxpulse.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void aMaskedCustomerIdHidesTheIdButStaysStableForCorrelation() {
        String masked = Masking.customerId("C1042-9931");

        assertThat(masked).doesNotContain("1042-9931").startsWith("C1");
        assertThat(Masking.customerId("C1042-9931")).isEqualTo(masked);
        assertThat(Masking.customerId("C1042-9932")).isNotEqualTo(masked);
        assertThat(Masking.customerId("C7")).as("a very short id shows nothing of itself").doesNotContain("C7");
        assertThat(Masking.customerId(null)).isEqualTo("null");
    }
}
