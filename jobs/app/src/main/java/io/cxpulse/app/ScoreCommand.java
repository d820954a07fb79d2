package io.cxpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.simulate.AlertEpisode;
import io.cxpulse.simulate.DetectionScore;
import io.cxpulse.simulate.GroundTruth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxpulse score}: how well the alerts found the simulated incidents. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores alerts against a simulation's ground truth: per incident kind, recall, precision and time to"
                    + " detect (on the simulated clock), as a table and, with --json, as JSON.",
            "Typical use: cxpulse simulate --output sim && cxpulse replay --input sim --output out"
                    + " && cxpulse score --truth sim/truth.jsonl --alerts out/alerts.jsonl"
        })
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Ground truth from `cxpulse simulate`.")
    Path truthFile;

    @Option(names = "--alerts", required = true, paramLabel = "FILE", description = "Alerts as JSON Lines (replay's alerts.jsonl).")
    Path alertsFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the score as JSON to this file.")
    Path jsonFile;

    @Override
    public Integer call() throws Exception {
        for (Path p : List.of(truthFile, alertsFile)) {
            if (!Files.isReadable(p)) {
                throw new UsageException(p + " does not exist or is not readable");
            }
        }
        DetectionScore.Result result;
        try {
            result = DetectionScore.score(GroundTruth.read(truthFile), AlertEpisode.read(alertsFile));
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(DetectionScore.table(result));
        if (jsonFile != null) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), DetectionScore.json(result));
            out.println("score written to " + jsonFile);
        }
        out.flush();
        return 0;
    }
}
