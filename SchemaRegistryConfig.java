package io.cxpulse.common.serde;
public record SchemaRegistryConfig(String url, String userInfo, java.time.Duration timeout) implements java.io.Serializable {}
