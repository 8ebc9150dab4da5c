package dev.tritium.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.kernel.Bf16Kernels;
import dev.tritium.models.kernel.StreamReadKernels;
import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.TritPackedWeights;
import dev.tritium.models.quant.TernaryWeights;
import org.junit.jupiter.api.Test;

/**
 * With the incubator module in the JVM (this module's surefire argLine adds it) and this module on the class
 * path, Bf16Matrix runs the vector kernel and the bandwidth probe the vector stream read: a broken service file, a provider that fails to load or a lost
 * argLine makes this fail instead of silently falling back to the scalar kernel.
 */
class VectorKernelSelectionChecks {

  @Test
  void theIncubatorModuleIsInTheTestJvm() {
    assertTrue(ModuleLayer.boot().findModule(Bf16Kernels.VECTOR_MODULE).isPresent(),
        "surefire must run this module's tests with --add-modules " + Bf16Kernels.VECTOR_MODULE);
  }

  @Test
  void theVectorProviderIsPicked() {
    assertEquals(null, System.getProperty(Bf16Kernels.PROPERTY), "the tests run without -Dtritium.simd");
    assertInstanceOf(VectorBf16Kernel.class, Bf16Kernels.selected(), Bf16Kernels.selectionReason());
    assertTrue(Bf16Kernels.selected().description().startsWith("vector ("), Bf16Kernels.selected().description());
    assertInstanceOf(VectorBf16Kernel.class, Bf16Kernels.provided().orElseThrow());
  }

  @Test
  void theVectorStreamReadIsPickedForTheBandwidthProbe() {
    assertInstanceOf(VectorStreamRead.class, StreamReadKernels.selection().kernel(), StreamReadKernels.selection().reason());
  }

  @Test
  void theTableLookupGemvIsPickedAndTheEnginePacksForItWhereTheCpuHas512BitLanes() {
    byte[] v = {1, 0, -1, 1};
    if (VectorTritGemv.hardwareHasFullLanes()) {
      assertInstanceOf(VectorTritGemv.class, TernaryKernels.selection().tritKernel().orElseThrow(),
          TernaryKernels.selection().reason());
      assertInstanceOf(TritPackedWeights.class, TernaryKernels.pack(new TernaryWeights(v, 2, 2, 1f)));
    } else {
      // The provider refuses to load, and the engine keeps the sign masks for the popcount kernel.
      assertTrue(TernaryKernels.selection().tritKernel().isEmpty(), TernaryKernels.selection().reason());
      assertInstanceOf(MaskPackedWeights.class, TernaryKernels.pack(new TernaryWeights(v, 2, 2, 1f)));
    }
  }
}
