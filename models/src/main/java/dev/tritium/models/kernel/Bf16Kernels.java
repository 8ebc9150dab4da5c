package dev.tritium.models.kernel;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Which {@link Bf16MatVecKernel} {@link Bf16Matrix#matVec} runs, chosen once per JVM:
 * <ol>
 *   <li>{@code -Dtritium.simd=off} forces the scalar kernel (for A/B runs);
 *   <li>otherwise, when the JVM has the incubator module {@code jdk.incubator.vector} in its boot layer
 *       ({@code --add-modules jdk.incubator.vector}), the first {@link ServiceLoader} provider of
 *       {@link Bf16MatVecKernel} on the class path (module {@code simd} supplies one) runs;
 *   <li>otherwise the scalar kernel runs, and {@link #selectionReason()} says why.
 * </ol>
 * All kernels give the same bits, so the choice changes speed only.
 */
public final class Bf16Kernels {

  /** System property: {@code off} forces the scalar kernel; anything else (or absent) allows a provider. */
  public static final String PROPERTY = "tritium.simd";

  /** The JDK module a vector provider needs in the boot layer. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** A chosen kernel and why it was chosen. */
  public record Selection(Bf16MatVecKernel kernel, String reason) {
  }

  private static final Selection SELECTED = select(System.getProperty(PROPERTY),
      ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent());

  private Bf16Kernels() {
  }

  /** The kernel {@link Bf16Matrix#matVec(float[], float[], ParallelLoop)} runs. */
  public static Bf16MatVecKernel selected() {
    return SELECTED.kernel();
  }

  /** Why {@link #selected()} is the kernel it is, for reports. */
  public static String selectionReason() {
    return SELECTED.reason();
  }

  /** The plain-Java kernel (always available). */
  public static Bf16MatVecKernel scalar() {
    return ScalarBf16Kernel.INSTANCE;
  }

  /** The provided (vector) kernel when the module and a provider are present, whatever {@link #PROPERTY} says. */
  public static Optional<Bf16MatVecKernel> provided() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() ? loadProvider() : Optional.empty();
  }

  /** The selection rule, with the property value and the module's presence as arguments (tested directly). */
  static Selection select(String property, boolean vectorModulePresent) {
    if (property != null && property.trim().toLowerCase(Locale.ROOT).equals("off")) {
      return new Selection(scalar(), "-D" + PROPERTY + "=off");
    }
    if (!vectorModulePresent) {
      return new Selection(scalar(), VECTOR_MODULE + " is not in the JVM (run with --add-modules " + VECTOR_MODULE
          + "; ./tritium adds it for reference and bench)");
    }
    Optional<Bf16MatVecKernel> provided = loadProvider();
    return provided.map(k -> new Selection(k, "provider " + k.getClass().getName()))
        .orElseGet(() -> new Selection(scalar(), "no " + Bf16MatVecKernel.class.getSimpleName()
            + " provider on the class path (module simd)"));
  }

  /** The first provider that loads; one that fails to link (a JVM without the module) is skipped. */
  private static Optional<Bf16MatVecKernel> loadProvider() {
    Iterator<Bf16MatVecKernel> it = ServiceLoader.load(Bf16MatVecKernel.class, Bf16Kernels.class.getClassLoader())
        .iterator();
    for (int attempt = 0; attempt < 16; attempt++) {
      try {
        if (!it.hasNext()) {
          return Optional.empty();
        }
        return Optional.of(it.next());
      } catch (ServiceConfigurationError | LinkageError | UnsupportedOperationException e) {
        // try the next provider
      }
    }
    return Optional.empty();
  }
}
