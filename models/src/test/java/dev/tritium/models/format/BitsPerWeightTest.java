package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.Outliers.IndexEncoding;
import dev.tritium.models.format.Outliers.ValueType;
import dev.tritium.models.format.ScaleGranularity.PerGroup;
import dev.tritium.models.format.ScaleGranularity.PerRow;
import dev.tritium.models.format.ScaleGranularity.RowAndColumnVectors;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bits per weight derived from the formats, each checked against a count done by hand. */
class BitsPerWeightTest {

  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  private static double bits(String spec, int n, int k) {
    return FormatPresets.parse(spec).format().bitsPerWeight(n, k);
  }

  @Test
  void bitnetB158IsLog2Of3PlusOneFp32Scale() {
    // 4 x 8: 32 ternary entries + one fp32 scale = (32 log2 3 + 32) / 32
    assertEquals(LOG2_3 + 1, bits("bitnet-b1.58", 4, 8), 1e-12);
    assertEquals(LOG2_3 + 32.0 / (2560 * 6912), bits("bitnet-b1.58", 2560, 6912), 1e-12);
  }

  @Test
  void bitnetW1IsOneBitPlusOneFp32Scale() {
    // 2 x 4: 8 sign bits + 32 = 40 bits / 8
    assertEquals(5.0, bits("bitnet-w1", 2, 4), 0);
  }

  @Test
  void oneBitAddsTwoFp16Vectors() {
    // 2 x 4: 8 sign bits + 16 (2 + 4) = 104 bits / 8
    assertEquals(13.0, bits("onebit", 2, 4), 0);
    assertEquals(1 + 16.0 * (2560 + 6912) / (2560.0 * 6912), bits("onebit", 2560, 6912), 1e-12);
  }

  @Test
  void pbLlmBitmapAndCsr() {
    // 2 x 4, F = 0.25: m = 2; 6 sign bits, 2 x 8 int8 bits, alpha + delta fp32 = 64
    // bitmap: 8 index bits -> 94 / 8; CSR: 3 offsets x bitsFor(2) = 2 bits + 2 columns x bitsFor(3) = 2 bits -> 10
    assertEquals(94 / 8.0, bits("pb-llm:salient=0.25", 2, 4), 0);
    assertEquals(96 / 8.0, bits("pb-llm:salient=0.25,index=csr", 2, 4), 0);
    // 2560 x 6912, F = 0.1: m = 1,769,472; offsets 2561 x 21 bits (2^20 < m < 2^21), columns 13 bits (6911 < 2^13)
    long nk = 2560L * 6912;
    long m = 1_769_472;
    assertEquals(m, new Outliers(0.1, ValueType.INT8, IndexEncoding.CSR,
        new Scale(new ScaleGranularity.PerTensor(), ScaleType.FP32)).count(2560, 6912));
    double csr = (nk - m) + 8.0 * m + 2561 * 21 + 13.0 * m + 64;
    assertEquals(csr / nk, bits("pb-llm:salient=0.1,index=csr", 2560, 6912), 1e-12);
    double bitmap = (nk - m) + 8.0 * m + nk + 64;
    assertEquals(bitmap / nk, bits("pb-llm:salient=0.1", 2560, 6912), 1e-12);
  }

  @Test
  void billmCountsBothPlanesScalesAndMasks() {
    // 2 x 4, block 4, salient 0.5: S = 2 salient columns. Planes: 2 x (2 x 2) + 2 x 2 = 12; scales: 4 fp16
    // per row and block = 4 x 2 x 16 = 128; masks: 4 column bits + 4 group bits = 8 -> 148 / 8
    assertEquals(148 / 8.0, bits("billm:salient=0.5,block=4", 2, 4), 0);
    // a shorter last block: 2 x 6, block 4, 1 salient per block (0.25 x 4): S = 1 + 1 = 2; blocks = 2
    // planes 2 x 2 x 2 + 2 x 4 = 16; scales 4 x 2 x 2 x 16 = 256; masks 6 + 8 = 14 -> 286 / 12
    assertEquals(286 / 12.0, bits("billm:salient=0.25,block=4", 2, 6), 1e-12);
    // 2560 x 6912, defaults: 13 of 128 columns salient (round(12.8)), 54 blocks, S = 702
    double nk = 2560.0 * 6912;
    double total = 2 * 2560.0 * 702 + 2560.0 * (6912 - 702) + 64 * 2560.0 * 54 + 6912 + 2560.0 * (6912 - 702);
    assertEquals(total / nk, bits("billm", 2560, 6912), 1e-12);
  }

  @Test
  void ternaryLlmHasScaleAndShiftPerGroup() {
    // 2 x 4, G = 2: 8 ternary entries, 4 fp16 alphas + 4 fp16 gammas = 128 -> log2 3 + 16
    assertEquals(LOG2_3 + 16, bits("ternaryllm:group=2", 2, 4), 1e-12);
    // G = 3 does not divide 4: ceil(4 / 3) = 2 groups per row, the same bits
    assertEquals(LOG2_3 + 16, bits("ternaryllm:group=3", 2, 4), 1e-12);
    assertEquals(LOG2_3 + 0.25, bits("ternaryllm:group=128", 2560, 6912), 1e-12);
  }

  @Test
  void theAlgebraComposesEveryPart() {
    // 3 x 8: two {0,1} planes with bf16 per-row scales (2 x (24 + 3 x 16)), an fp32 shift per group of 4
    // (3 x 2 x 32), bf16 row/column vectors ((3 + 8) x 16), fp16 outliers at 1/8 with CSR
    // (m = 3: 4 offsets x 2 bits + 3 x 3 column bits, 3 x 16 values, one fp32 scale), a column mask (8)
    WeightFormat f = new WeightFormat(
        List.of(new Plane(PlaneKind.BINARY_01, new All(), List.of(new Scale(new PerRow(), ScaleType.BF16))),
            new Plane(PlaneKind.BINARY_01, new All(), List.of(new Scale(new PerRow(), ScaleType.BF16)))),
        List.of(new Scale(new RowAndColumnVectors(), ScaleType.BF16)),
        Optional.of(new Scale(new PerGroup(4), ScaleType.FP32)),
        Optional.of(new Outliers(0.125, ValueType.FP16, IndexEncoding.CSR,
            new Scale(new ScaleGranularity.PerTensor(), ScaleType.FP32))),
        List.of(new Mask.PerColumn("columns")), ActivationFormat.FP16);
    BitsBreakdown b = f.breakdown(3, 8);
    assertEquals(48, b.planes(), 0);
    assertEquals(96 + 176 + 32, b.scales(), 0);
    assertEquals(192, b.shifts(), 0);
    assertEquals(48, b.outlierValues(), 0);
    assertEquals(17, b.outlierIndices(), 0);
    assertEquals(8, b.masks(), 0);
    assertEquals((48 + 304 + 192 + 48 + 17 + 8) / 24.0, f.bitsPerWeight(3, 8), 0);
  }

  @Test
  void invalidPartsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PerGroup(0));
    assertThrows(IllegalArgumentException.class,
        () -> new WeightFormat(List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(),
            ActivationFormat.FP16));
    assertThrows(IllegalArgumentException.class, () -> new Coverage.AllButOutliers(1.0));
    assertThrows(IllegalArgumentException.class, () -> bits("bitnet-w1", 0, 4));
  }
}
