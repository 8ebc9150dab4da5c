package dev.tritium.models.kernel;

import dev.tritium.models.quant.TernaryWeights;
import java.util.Optional;

/**
 * Which ternary GEMV the reference engine runs, chosen once per JVM by {@link VectorProviders}' rule: when module
 * {@code simd} provides a {@link TritGemvKernel} (the JVM has {@code jdk.incubator.vector}), weights are packed as
 * {@link TritPackedWeights} and that kernel reads them; otherwise they are packed as {@link MaskPackedWeights} for the
 * popcount kernel. Both give the same accumulators bit for bit, so the choice changes speed and bytes only.
 *
 * <p>Why the plain-Java fallback is the popcount kernel and not {@link ScalarTritGemv}: C2 vectorizes the popcount
 * loop by itself, while a table lookup without the Vector API is one scalar load per three weights (2560 x 2560:
 * 3.0 ms against 0.2 ms on a Zen 4 core).
 */
public final class TernaryKernels {

  /** The chosen table-lookup kernel (empty: pack for the popcount kernel) and why. */
  public record Selection(Optional<TritGemvKernel> tritKernel, String reason) {
  }

  private static final Selection SELECTED = select(System.getProperty(VectorProviders.PROPERTY),
      VectorProviders.vectorModulePresent());

  private TernaryKernels() {
  }

  /** The selection this JVM runs. */
  public static Selection selection() {
    return SELECTED;
  }

  /** One line for reports: the layout and kernel in use. */
  public static String description() {
    return SELECTED.tritKernel()
        .map(k -> "lookup tables on 1.78-bit trit words (" + k.description() + ")")
        .orElse("popcount on 2-bit sign masks") + "; " + SELECTED.reason();
  }

  /** The kernel {@link TritPackedWeights#accumulate(PackedActivations, int[], ParallelLoop)} runs. */
  public static TritGemvKernel tritKernel() {
    return SELECTED.tritKernel().orElse(ScalarTritGemv.INSTANCE);
  }

  /** The plain-Java table-lookup kernel (always available; slow). */
  public static TritGemvKernel scalarTritKernel() {
    return ScalarTritGemv.INSTANCE;
  }

  /** A reference tensor in the layout the selected kernel reads. */
  public static PackedTernary pack(TernaryWeights w) {
    return SELECTED.tritKernel().isPresent() ? TritPackedWeights.pack(w) : MaskPackedWeights.pack(w);
  }

  /** A mask-packed matrix in the layout the selected kernel reads (repacked on {@code loop} when that differs). */
  public static PackedTernary adopt(MaskPackedWeights m, ParallelLoop loop) {
    return SELECTED.tritKernel().isPresent() ? TritPackedWeights.fromMasks(m, loop) : m;
  }

  /** The rule, with the property value and the module's presence as arguments (tested directly). */
  static Selection select(String property, boolean vectorModulePresent) {
    VectorProviders.Choice<TritGemvKernel> c =
        VectorProviders.choose(TritGemvKernel.class, null, property, vectorModulePresent);
    return new Selection(Optional.ofNullable(c.kernel()), c.reason());
  }
}
