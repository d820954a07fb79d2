package io.cxpulse.common.serde;

import java.lang.reflect.Method;
import org.apache.avro.SystemLimitException;

/**
 * Caps what Avro's binary decoder may allocate for one string, byte array or collection, so a
 * forged length prefix in a few bytes of input cannot make a task manager allocate gigabytes.
 *
 * <p>Avro reads its limits from system properties once, when {@link SystemLimitException} is
 * initialised. {@link #install()} sets the properties (unless the operator set them on the
 * command line, which wins) and asks Avro to read them again in case the class was already
 * initialised by something that ran earlier in the JVM. Every codec calls it in its
 * {@code open()}.
 */
public final class AvroLimits {

    /** Longest string or byte array one field may hold: 1 MiB, well above any real field. */
    public static final int MAX_FIELD_BYTES = 1 << 20;

    /** Most items in one array or map (reasons, evidence): far above any real record. */
    public static final int MAX_COLLECTION_ITEMS = 10_000;

    private static volatile boolean installed;

    private AvroLimits() {}

    /** Installs the limits once per JVM; cheap to call again. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (AvroLimits.class) {
            if (installed) {
                return;
            }
            setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_FIELD_BYTES);
            setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_FIELD_BYTES);
            setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
            reloadAvroLimits();
            installed = true;
        }
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    /**
     * {@code SystemLimitException.resetLimits()} is package-private (Avro's tests call it);
     * calling it is the only way to apply the properties after the class has been loaded.
     */
    private static void reloadAvroLimits() {
        try {
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The properties are set; they apply if Avro has not read them yet. Nothing is lost
            // but the guarantee, so say so loudly rather than fail the job.
            org.slf4j.LoggerFactory.getLogger(AvroLimits.class)
                    .warn("Could not re-read Avro decoder limits; they apply only if set before"
                            + " Avro was first used (pass -D{}=...)",
                            SystemLimitException.MAX_STRING_LENGTH_PROPERTY, e);
        }
    }
}
