package dev.tritium.simd;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the named JUnit classes in this JVM and exits 0 only when every test ran and passed. {@link
 * VectorKernelsInTheirJvmTest} starts it in a JVM with {@code jdk.incubator.vector}: the module cannot be added to
 * the build's own test JVMs, because the JVM prints "WARNING: Using incubator modules" on start and Maven would show
 * it in every build.
 */
public final class ChildJvmJUnit {

  private ChildJvmJUnit() {}

  public static void main(String[] classNames) throws ClassNotFoundException {
    List<ClassSelector> selectors = new ArrayList<>();
    for (String n : classNames) {
      selectors.add(selectClass(Class.forName(n)));
    }
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    out.printf("tests found %d, succeeded %d, failed %d, skipped %d, aborted %d%n", s.getTestsFoundCount(),
        s.getTestsSucceededCount(), s.getTotalFailureCount(), s.getTestsSkippedCount(), s.getTestsAbortedCount());
    s.printFailuresTo(out, 40);
    boolean allPassed = s.getTestsFoundCount() > 0 && s.getTestsSucceededCount() == s.getTestsFoundCount();
    System.exit(allPassed ? 0 : 1);
  }
}
