package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kernel selection rule; module simd's tests prove that its vector provider is picked when present. */
class Bf16KernelsTest {

  @Test
  void offForcesTheScalarKernelEvenWithTheModule() {
    for (String off : new String[] {"off", "OFF", " off "}) {
      Bf16Kernels.Selection s = Bf16Kernels.select(off, true);
      assertSame(Bf16Kernels.scalar(), s.kernel());
      assertEquals("-Dtritium.simd=off", s.reason());
    }
  }

  @Test
  void withoutTheIncubatorModuleTheScalarKernelRunsAndSaysWhy() {
    Bf16Kernels.Selection s = Bf16Kernels.select(null, false);
    assertSame(Bf16Kernels.scalar(), s.kernel());
    assertTrue(s.reason().contains("--add-modules jdk.incubator.vector"), s.reason());
  }

  @Test
  void withoutAProviderTheScalarKernelRunsAndSaysWhy() {
    // models does not depend on module simd, so its tests have no provider on the class path.
    Bf16Kernels.Selection s = Bf16Kernels.select("on", true);
    assertSame(Bf16Kernels.scalar(), s.kernel());
    assertTrue(s.reason().startsWith("no Bf16MatVecKernel provider"), s.reason());
    assertTrue(Bf16Kernels.provided().isEmpty());
  }

  @Test
  void theScalarKernelIsSelectedInThisModulesTests() {
    assertSame(Bf16Kernels.scalar(), Bf16Kernels.selected(), Bf16Kernels.selectionReason());
    assertEquals("scalar", Bf16Kernels.selected().description());
  }
}
