package dev.tritium.models.kernel;

import java.util.Optional;

/**
 * Which {@link Bf16MatVecKernel} {@link Bf16Matrix#matVec} runs, chosen once per JVM by {@link VectorProviders}' rule:
 * {@code -Dtritium.simd=off} forces the scalar kernel; otherwise a {@link java.util.ServiceLoader} provider (module
 * {@code simd} supplies one) runs when the JVM has {@code jdk.incubator.vector}; otherwise the scalar kernel runs,
 * and {@link #selectionReason()} says why. All kernels give the same bits, so the choice changes speed only.
 */
public final class Bf16Kernels {

  /** System property: {@code off} forces the scalar kernel; anything else (or absent) allows a provider. */
  public static final String PROPERTY = VectorProviders.PROPERTY;

  /** The JDK module a vector provider needs in the boot layer. */
  public static final String VECTOR_MODULE = VectorProviders.VECTOR_MODULE;

  /** A chosen kernel and why it was chosen. */
  public record Selection(Bf16MatVecKernel kernel, String reason) {
  }

  private static final Selection SELECTED = select(System.getProperty(PROPERTY),
      VectorProviders.vectorModulePresent());

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
    return VectorProviders.provided(Bf16MatVecKernel.class);
  }

  /** The selection rule, with the property value and the module's presence as arguments (tested directly). */
  static Selection select(String property, boolean vectorModulePresent) {
    VectorProviders.Choice<Bf16MatVecKernel> c =
        VectorProviders.choose(Bf16MatVecKernel.class, scalar(), property, vectorModulePresent);
    return new Selection(c.kernel(), c.reason());
  }
}
