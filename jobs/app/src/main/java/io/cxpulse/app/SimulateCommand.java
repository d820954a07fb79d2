package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.simulate.DirectorySink;
import io.cxpulse.simulate.GroundTruth;
import io.cxpulse.simulate.IncidentScript;
import io.cxpulse.simulate.KafkaTrafficSink;
import io.cxpulse.simulate.Simulation;
import io.cxpulse.simulate.TrafficGenerator;
import io.cxpulse.simulate.TrafficSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxpulse simulate}: seeded traffic with scripted incidents, to a replay directory or to Kafka. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a contact centre and its fulfilment: calls, chats, surveys, shipments and complaints, with the"
                    + " incidents of a script (a bad supplier, a complaint surge, a struggling agent, a queue"
                    + " overload, late orders). The same seed gives the same traffic.",
            "Writes a replay input directory (--output) or sends to the input topics (--bootstrap-servers), and"
                    + " the ground truth of the incidents (truth.jsonl) for `cxpulse score`."
        })
final class SimulateCommand implements Callable<Integer> {

    static final Instant DEFAULT_START = Instant.parse("2026-11-16T08:00:00Z");

    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = "--output", paramLabel = "DIR", description = "Write a replay input directory (created).")
        Path output;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
                description = "Send to the input topics of this Kafka cluster (security settings from --config).")
        String bootstrapServers;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "Where to write the ground truth (default: truth.jsonl in --output, else ./truth.jsonl).")
    Path truthFile;

    @Option(names = "--incidents", paramLabel = "FILE",
            description = "Incident script (YAML); default: the built-in script the demo uses.")
    Path incidentsFile;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Simulated start (default: 2026-11-16T08:00:00Z).")
    String start;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Simulated time arrivals run for, e.g. 6h (default: the script's span, at least 1h).")
    String duration;

    @Option(names = "--scale", defaultValue = "1",
            description = "Traffic volume multiplier; 1 is about 12,000 events a simulated peak hour (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--customers", defaultValue = "50000", description = "Distinct customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--acceleration", defaultValue = "0",
            description = "Simulated seconds per real second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(names = "--rate", defaultValue = "0", description = "At most this many events per second; 0 for no limit.")
    double rate;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (Kafka, topics, wire format).")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        IncidentScript script = script();
        Simulation.Options options;
        try {
            Duration length = duration != null ? ConfigLoader.parseDuration(duration)
                    : max(script.span(), Duration.ofHours(1));
            Instant from = start == null ? DEFAULT_START : Instant.parse(start);
            options = new Simulation.Options(new TrafficGenerator.Settings(seed, from, length, scale, customers),
                    script, acceleration, rate);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Simulation simulation;
        try {
            simulation = Simulation.standard(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path truth = truthFile != null ? truthFile
                : target.output != null ? target.output.resolve(GroundTruth.FILE) : Path.of(GroundTruth.FILE);
        long sent;
        try (TrafficSink sink = sink()) {
            Thread hook = new Thread(simulation::stop, "cxpulse-simulate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            sent = simulation.run(sink);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook stopped the run; what was sent is flushed, the truth still written
            }
        }
        if (truth.getParent() != null) {
            Files.createDirectories(truth.getParent());
        }
        GroundTruth.write(simulation.truth(), truth);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("simulated %s from %s: %d events %s%n", options.settings().duration(), options.settings().start(),
                sent, simulation.eventsByInput());
        out.printf("to %s; ground truth (%d incidents) in %s%n",
                target.output != null ? target.output : "Kafka " + target.bootstrapServers, simulation.truth().size(),
                truth);
        out.flush();
        return 0;
    }

    private IncidentScript script() {
        if (incidentsFile == null) {
            return IncidentScript.defaultScript();
        }
        try {
            return IncidentScript.load(incidentsFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("incident script " + incidentsFile + ": " + e.getMessage());
        }
    }

    private TrafficSink sink() {
        if (target.output != null) {
            try {
                return new DirectorySink(target.output);
            } catch (IOException e) {
                throw new UsageException("cannot write to " + target.output + ": " + e.getMessage());
            }
        }
        CxPulseConfig config = CommandConfig.load(configFile);
        return new KafkaTrafficSink(config.withKafka(config.kafka().withBootstrapServers(target.bootstrapServers)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
