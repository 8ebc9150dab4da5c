package dev.tritium.models.kernel;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one rule by which the reference engine picks between a plain-Java kernel and a faster one provided by module
 * {@code simd} (written with the JDK 17 Vector API), for every kernel kind that has both ({@link Bf16Kernels},
 * {@link TernaryKernels}, {@link StreamReadKernels}):
 * <ol>
 *   <li>{@code -Dtritium.simd=off} forces the plain-Java kernel (for A/B runs);
 *   <li>otherwise, when the JVM has the incubator module {@code jdk.incubator.vector} in its boot layer
 *       ({@code --add-modules jdk.incubator.vector}), the first {@link ServiceLoader} provider of the kernel's
 *       interface on the class path runs;
 *   <li>otherwise the plain-Java kernel runs, and the choice's reason says why.
 * </ol>
 */
public final class VectorProviders {

  /** System property: {@code off} forces the plain-Java kernels; anything else (or absent) allows a provider. */
  public static final String PROPERTY = "tritium.simd";

  /** The JDK module a vector provider needs in the boot layer. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** A chosen kernel and why it was chosen. */
  public record Choice<T>(T kernel, String reason) {
  }

  private VectorProviders() {
  }

  /** Whether this JVM has {@link #VECTOR_MODULE} in its boot layer. */
  public static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** The rule above for {@code type}, with the property value and the module's presence as arguments (tested directly). */
  public static <T> Choice<T> choose(Class<T> type, T plain, String property, boolean vectorModulePresent) {
    if (property != null && property.trim().toLowerCase(Locale.ROOT).equals("off")) {
      return new Choice<>(plain, "-D" + PROPERTY + "=off");
    }
    if (!vectorModulePresent) {
      return new Choice<>(plain, VECTOR_MODULE + " is not in the JVM (run with --add-modules " + VECTOR_MODULE
          + "; ./tritium adds it for reference and bench)");
    }
    Optional<T> provided = load(type);
    return provided.map(k -> new Choice<>(k, "provider " + k.getClass().getName()))
        .orElseGet(() -> new Choice<>(plain, "no " + type.getSimpleName() + " provider on the class path (module simd)"));
  }

  /** The provided kernel of {@code type} when the module and a provider are present, whatever {@link #PROPERTY} says. */
  public static <T> Optional<T> provided(Class<T> type) {
    return vectorModulePresent() ? load(type) : Optional.empty();
  }

  /** The first provider that loads; one that fails to link (a JVM without the module) is skipped. */
  private static <T> Optional<T> load(Class<T> type) {
    Iterator<T> it = ServiceLoader.load(type, VectorProviders.class.getClassLoader()).iterator();
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
