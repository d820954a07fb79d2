package io.cxpulse.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The last released version of every record schema, stored self-contained under
 * {@code io/cxpulse/schema/released/<Record>.avsc}.
 *
 * <p>They serve twice: the build holds every current schema FULL-compatible with its released
 * copy (so a change that would break a producer or a consumer fails {@code mvn verify}), and
 * the single-object decoder resolves the writer schemas of records still written with a
 * released version by their fingerprint. Releasing a version means copying the current schema
 * here (see schemas/README.md).
 */
public final class ReleasedSchemas {

    /**
     * Every top-level record of the contract: the five inputs, then the outputs of the
     * pipeline, then the console's alert actions.
     */
    public static final List<Class<? extends SpecificRecordBase>> RECORDS = List.of(
            CallEvent.class, ChatEvent.class, SurveyResponse.class, ShipmentEvent.class, ComplaintEvent.class,
            Alert.class, MetricSnapshot.class, SupplierShare.class, Interaction.class, AlertAction.class);

    private static final String DIRECTORY = "/io/cxpulse/schema/released/";

    private ReleasedSchemas() {}

    /** The released schema of {@code recordName} (simple name, e.g. {@code CallEvent}). */
    public static Schema released(String recordName) {
        String resource = DIRECTORY + recordName + ".avsc";
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No released schema for " + recordName + " at " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The released schemas of every record in {@link #RECORDS}. */
    public static List<Schema> allReleased() {
        List<Schema> all = new ArrayList<>();
        for (Class<? extends SpecificRecordBase> record : RECORDS) {
            all.add(released(record.getSimpleName()));
        }
        return all;
    }
}
