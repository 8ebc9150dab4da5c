package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.Hadamard;
import dev.tritium.models.nn.AttentionPrecision;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.config.AttentionConfig.KvQuant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * SpinQuant's R3 ({@code ModelConfig.qkHadamard}): the layer program rotates every roped q and k head (VEC.FWHT over
 * head rows, then VEC.SCALE by 1/sqrt(b)) and the reference's decoder layer does the same in the same order, so the
 * cross-check stays bit-exact on both units, decode and prefill, over the arch's int8 cache and an int4 cache. The
 * rotation changes the roped keys and the layer's output, so a side that skipped it would FAIL.
 */
class QkRotationCrossCheckTest {

  private static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
  private static final ModelConfig R3 = B2.withQkHadamard(true);
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");
  private static final ArchConfig INT4 = EDGE.withAttention(AttentionConfig.quantized(new KvQuant(4, 8, 0), null));

  @Test
  void rotatedHeadsAreBitExactOnBothUnitsOverInt8AndInt4Caches() {
    for (ArchConfig a : new ArchConfig[] {EDGE, INT4}) {
      for (ComputeUnit u : ComputeUnit.values()) {
        for (LayerShape s : new LayerShape[] {LayerShape.decode(9), LayerShape.prefill(5)}) {
          CrossCheckReport r = new DecoderCrossCheck(a).run(DecoderCase.seeded(R3, s, 3), u);
          assertTrue(r.passed(), () -> a.name() + " " + u + " " + s + "\n" + r.render());
        }
      }
    }
  }

  @Test
  void thePhasedPrefillRotatesTooBitExact() {
    // 8 KiB VEC: the prefill compiles in phases (StreamedLayerCompiler), the rope phase in passes of a few rows.
    var vec = EDGE.buffers().get("output");
    ArchConfig small = EDGE.withBuffer("output", new dev.tritium.simulator.unit.sram.SramBufferConfig(8192,
        vec.banks(), vec.ports(), vec.widthBits()));
    for (ComputeUnit u : ComputeUnit.values()) {
      CrossCheckReport r = new DecoderCrossCheck(small).run(DecoderCase.seeded(R3, LayerShape.prefill(20), 2), u);
      assertTrue(r.passed(), r::render);
      assertTrue(r.render().contains("in phases"), r::render);
    }
  }

  @Test
  void theRotationChangesTheKeysAndTheOutputSoSkippingItWouldFail() {
    LayerShape s = LayerShape.decode(9);
    DecoderCase plain = DecoderCase.seeded(B2, s, 3);
    DecoderCase rotated = DecoderCase.seeded(R3, s, 3);
    DecoderReference.Trace p = DecoderReference.run(plain, null, AttentionPrecision.FP32);
    DecoderReference.Trace r = DecoderReference.run(rotated, null, AttentionPrecision.FP32);
    // The same projections (same seed), then each head of k rotated: exactly the reference's Hadamard of p's keys.
    int hd = B2.headDim();
    float[] expected = p.kRot().clone();
    float c = Hadamard.invSqrt(Hadamard.block(hd));
    for (int o = 0; o < expected.length; o += hd) {
      Hadamard.fwht(expected, o, hd);
      for (int j = o; j < o + hd; j++) {
        expected[j] = expected[j] * c;
      }
    }
    assertTrue(Arrays.equals(expected, r.kRot()));
    assertFalse(Arrays.equals(p.kRot(), r.kRot()));
    assertFalse(Arrays.equals(p.hOut(), r.hOut()), "the rotation must reach the layer output");
    // and the simulator run without the rotation is not the rotated reference: the cross-check of a rotated case
    // compares against r, which differs from p bit for bit
    assertEquals(p.hOut().length, r.hOut().length);
  }
}
