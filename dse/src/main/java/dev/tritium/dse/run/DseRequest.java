package dev.tritium.dse.run;

import dev.tritium.dse.eval.PointEvaluatorFactory;
import java.nio.file.Path;

/**
 * One {@code dse} run as the user asked for it.
 *
 * @param executor {@code local} or {@code spark}
 * @param threads local worker threads; 0 means one per core
 * @param progress draw the progress bar even when stderr is not a terminal
 */
public record DseRequest(Path sweepFile, Path outDir, String executor, int threads, boolean resume, boolean progress,
    PointEvaluatorFactory evaluatorFactory) {}
