package io.cxpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CxPulseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.transformations.PhysicalTransformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Savepoints bind state to operator uids: a uid that changes silently drops that operator's state
 * on the next upgrade (or refuses the savepoint). The uids of the cluster job's graph must be the
 * ones listed in the upgrade note of {@code docker/README.md}, so that changing one means
 * updating the note, which says what an upgrade across the change needs.
 */
class OperatorUidsTest {

    private static final Path NOTE = Path.of("..", "..", "docker", "README.md");
    private static final Pattern LIST = Pattern.compile("<!-- operator-uids -->\\s*```\\s*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theGraphsUidsAreTheOnesTheUpgradeNoteLists() throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Pipelines.attachToKafka(env, CxPulseConfig.defaults(), Pipelines.JobConfigs.DEFAULTS);

        assertThat(listedInNote()).as("the uids in " + NOTE + " (update the list and the note with the change)")
                .isEqualTo(uids(env));
    }

    @Test
    void everyOperatorHasAUidOfItsOwn() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Pipelines.attachToKafka(env, CxPulseConfig.defaults(), Pipelines.JobConfigs.DEFAULTS);

        List<String> withoutUid = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (Transformation<?> t : all(env)) {
            // sources, operators and sinks hold state; unions, partitionings and side outputs do not
            if (t instanceof PhysicalTransformation<?>) {
                if (t.getUid() == null) {
                    withoutUid.add(t.getName());
                } else {
                    uses.merge(t.getUid(), 1, Integer::sum);
                }
            }
        }

        assertThat(withoutUid).as("operators whose state a savepoint could not find again").isEmpty();
        assertThat(uses).as("uids used twice").allSatisfy((uid, n) -> assertThat(n).as(uid).isEqualTo(1));
    }

    private static List<Transformation<?>> all(StreamExecutionEnvironment env) {
        List<Transformation<?>> all = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Deque<Transformation<?>> todo = new ArrayDeque<>(env.getTransformations());
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (seen.add(t.getId())) {
                all.add(t);
                todo.addAll(t.getInputs());
            }
        }
        return all;
    }

    private static Set<String> uids(StreamExecutionEnvironment env) {
        Set<String> uids = new TreeSet<>();
        for (Transformation<?> t : all(env)) {
            if (t.getUid() != null) {
                uids.add(t.getUid());
            }
        }
        return uids;
    }

    private static Set<String> listedInNote() throws IOException {
        Matcher m = LIST.matcher(Files.readString(NOTE));
        assertThat(m.find()).as("a ```-fenced uid list after <!-- operator-uids --> in " + NOTE).isTrue();
        Set<String> uids = new TreeSet<>();
        for (String line : m.group(1).split("\n")) {
            if (!line.isBlank()) {
                uids.add(line.strip());
            }
        }
        return uids;
    }
}
