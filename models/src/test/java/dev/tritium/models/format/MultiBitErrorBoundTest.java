package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.format.IntGrid.Group;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The multi-bit quantizers on seeded Gaussian data (W ~ N(0, 0.02^2), 192 x 384; x ~ N(0, 1), 3 tokens), as in
 * {@link FormatErrorBoundTest}: relative L2 error of apply against the fp64 matmul of the latent weights, and
 * against the dequantized matrix. Each bound sits a little above the measured error. Then one mutation per
 * preset: a changed code, step, sign or channel index must change the output.
 */
class MultiBitErrorBoundTest {

  private static final int N = 192;
  private static final int K = 384;
  private static final int T = 3;
  private static final float[] W = LatentWeights.gaussian(N, K, 0.02f, 2024);
  private static final float[] XS = LatentWeights.gaussian(T, K, 1f, 2025);

  private static double[] errors(String spec, float[] w) {
    QuantizedMatrix q = FormatPresets.parse(spec).quantize(w, N, K);
    // the layer's input as the model has it: a proj=other SpinQuant matrix rotates it first (R^T x, what the
    // merged rotations upstream deliver), which is what `reference bitlinear --format` feeds
    return FormatErrorBoundTest.relativeErrors(q, w, XS, q.applyToLayerInput(XS, T), N, K, T);
  }

  private static void check(String spec, double bound, double numericsBound) {
    double[] e = errors(spec, W);
    assertTrue(e[0] < bound, spec + ": relative error " + e[0] + " >= " + bound);
    assertTrue(e[1] < numericsBound, spec + ": apply vs dequantized " + e[1] + " >= " + numericsBound);
  }

  @Test
  void errorBounds() {
    // measured: fp16 3e-4; w8a8 0.011; quip 0.564 (2-bit nearest rounding; apply = dequantized to 2e-4);
    // atom 0.136; spinquant 0.184 / 0.177 (down); abq w2a8 0.528, w4a4 0.152, w8a8 0.010
    check("fp16", 1e-3, 1e-3);
    check("w8a8", 0.013, 0.009);
    check("quip-w2", 0.59, 1e-3);
    check("atom-w4a4", 0.15, 0.11);
    check("spinquant-w4a4kv4", 0.20, 0.14);
    check("spinquant-w4a4kv4:proj=down", 0.19, 0.13);
    check("abq-wpaq", 0.55, 0.009);
    check("abq-wpaq:w=4,a=4", 0.17, 0.12);
    check("abq-wpaq:w=8,a=8", 0.012, 0.008);
  }

  @Test
  void moreBitsSmallerGroupsAndIncoherenceHelp() {
    assertTrue(errors("abq-wpaq:w=8,a=8", W)[0] < errors("abq-wpaq:w=4,a=4", W)[0]);
    assertTrue(errors("abq-wpaq:w=4,a=8", W)[0] < errors("abq-wpaq:w=2,a=8", W)[0]);
    assertTrue(errors("atom-w4a4:group=32", W)[0] < errors("atom-w4a4:group=256", W)[0]);
    // weights with sparse large outliers (every 97th weight x 12): the rotation spreads them, so QuIP's 2-bit grid
    // beats the same per-row 2-bit grid without it
    float[] spiky = W.clone();
    for (int i = 0; i < spiky.length; i += 97) {
      spiky[i] *= 12f;
    }
    assertTrue(errors("quip-w2", spiky)[0] < errors("abq-wpaq:w=2,a=8", spiky)[0]);
  }

  @Test
  void kvErrorShrinksWithBitsAndPivotsStayFp16() {
    float[] kv = LatentWeights.gaussian(6, 256, 1f, 77);
    double e8 = kvError("int8", kv);
    double e4 = kvError("int4", kv);
    double e3 = kvError("int3", kv);
    assertTrue(e8 < 0.01 && e8 < e4 && e4 < e3 && e3 < 0.25, e8 + " " + e4 + " " + e3);
    float[] intact = KvCacheFormats.parse("intactkv:bits=3,pivots=2").store(kv, 6, 256, 0);
    float[] fp16 = KvCacheFormats.parse("fp16").store(kv, 6, 256, 0);
    float[] int3 = KvCacheFormats.parse("int3").store(kv, 6, 256, 0);
    assertArrayEquals(Arrays.copyOf(fp16, 512), Arrays.copyOf(intact, 512));
    assertArrayEquals(Arrays.copyOfRange(int3, 512, kv.length), Arrays.copyOfRange(intact, 512, kv.length));
    // mutation: one pivot fewer changes what the cache returns for position 1
    float[] onePivot = KvCacheFormats.parse("intactkv:bits=3,pivots=1").store(kv, 6, 256, 0);
    assertFalse(Arrays.equals(Arrays.copyOfRange(intact, 256, 512), Arrays.copyOfRange(onePivot, 256, 512)));
  }

  private static double kvError(String spec, float[] kv) {
    float[] s = KvCacheFormats.parse(spec).store(kv, 6, 256, 0);
    double err = 0;
    double ref = 0;
    for (int i = 0; i < kv.length; i++) {
      err += (s[i] - kv[i]) * (double) (s[i] - kv[i]);
      ref += kv[i] * (double) kv[i];
    }
    return Math.sqrt(err / ref);
  }

  @Test
  void quantizersAreDeterministic() {
    for (String spec : new String[] {"fp16", "w8a8", "quip-w2", "atom-w4a4", "spinquant-w4a4kv4", "abq-wpaq"}) {
      FormatPreset p = FormatPresets.parse(spec);
      assertArrayEquals(p.quantize(W, N, K).apply(XS, T), p.quantize(W.clone(), N, K).apply(XS.clone(), T), spec);
    }
  }

  // ---- mutations: each flipped code, step, sign or index must change the output ----

  private static void assertChanges(QuantizedMatrix original, QuantizedMatrix mutated, String what) {
    assertFalse(Arrays.equals(original.apply(XS, T), mutated.apply(XS, T)), what + " did not change the output");
  }

  /** The codes with element 0 moved one step inside the grid, or one group's step doubled. */
  private static IntGrid.Codes mutate(IntGrid.Codes c, boolean step) {
    int[] codes = c.codes().clone();
    Group[] groups = c.groups().clone();
    if (step) {
      Group g = groups[0];
      groups[0] = new Group(g.step() * 2, g.zero(), g.bits(), g.symmetric());
    } else {
      Group g = groups[0];
      codes[0] = codes[0] == IntGrid.max(g.bits(), g.symmetric()) ? codes[0] - 1 : codes[0] + 1;
    }
    return new IntGrid.Codes(codes, groups, c.rows(), c.cols(), c.group());
  }

  private static int[] bump(int[] a, int i, int lo, int hi) {
    int[] b = a.clone();
    b[i] = b[i] == hi ? b[i] - 1 : Math.max(lo, b[i] + 1);
    return b;
  }

  @Test
  void fp16AndW8a8Mutations() {
    Fp16Dense.Weights f = new Fp16Dense().quantize(W, N, K);
    float[] w16 = f.w16().clone();
    w16[0] = ScaleType.FP16.round(w16[0] * 1.5f);
    assertChanges(f, new Fp16Dense.Weights(N, K, w16), "fp16 weight");

    W8A8.Weights q = new W8A8().quantize(W, N, K);
    assertChanges(q, new W8A8.Weights(N, K, bump(q.q(), 0, -128, 127), q.scales()), "w8a8 code");
    float[] s = q.scales().clone();
    s[0] *= 2;
    assertChanges(q, new W8A8.Weights(N, K, q.q(), s), "w8a8 scale");
  }

  @Test
  void abqMutations() {
    AbqLlm.Weights q = new AbqLlm(2, 8).quantize(W, N, K);
    assertChanges(q, new AbqLlm.Weights(N, K, 2, 8, bump(q.codes(), 0, 0, 3), q.steps(), q.zeros()), "abq code");
    float[] steps = q.steps().clone();
    steps[0] *= 2;
    assertChanges(q, new AbqLlm.Weights(N, K, 2, 8, q.codes(), steps, q.zeros()), "abq step");
    assertChanges(q, new AbqLlm.Weights(N, K, 2, 8, q.codes(), q.steps(), bump(q.zeros(), 0, 0, 3)), "abq zero-point");
  }

  @Test
  void atomMutations() {
    Atom.Weights q = new Atom(128, 128).quantize(W, N, K);
    assertChanges(q, new Atom.Weights(N, K, 128, q.normalColumns(), q.outlierColumns(), mutate(q.normal(), false),
        q.outliers()), "atom int4 code");
    assertChanges(q, new Atom.Weights(N, K, 128, q.normalColumns(), q.outlierColumns(), q.normal(),
        mutate(q.outliers(), false)), "atom int8 outlier code");
    assertChanges(q, new Atom.Weights(N, K, 128, q.normalColumns(), q.outlierColumns(), mutate(q.normal(), true),
        q.outliers()), "atom step");
    // swap one outlier channel index with a normal one (the mask bit of two channels flipped)
    int[] normal = q.normalColumns().clone();
    int[] outlier = q.outlierColumns().clone();
    int t = normal[0];
    normal[0] = outlier[0];
    outlier[0] = t;
    assertChanges(q, new Atom.Weights(N, K, 128, normal, outlier, q.normal(), q.outliers()), "atom channel index");
  }

  @Test
  void quipAndSpinQuantMutations() {
    Quip.Weights q = new Quip().quantize(W, N, K);
    assertChanges(q, new Quip.Weights(N, K, mutate(q.codes(), false), q.du(), q.dv()), "quip code");
    assertChanges(q, new Quip.Weights(N, K, mutate(q.codes(), true), q.du(), q.dv()), "quip step");
    byte[] du = q.du().clone();
    du[0] = (byte) -du[0];
    assertChanges(q, new Quip.Weights(N, K, q.codes(), du, q.dv()), "quip output sign");
    byte[] dv = q.dv().clone();
    dv[5] = (byte) -dv[5];
    assertChanges(q, new Quip.Weights(N, K, q.codes(), q.du(), dv), "quip input sign");

    for (boolean down : new boolean[] {false, true}) {
      SpinQuant.Weights s = new SpinQuant(down).quantize(W, N, K);
      assertChanges(s, new SpinQuant.Weights(N, K, down, mutate(s.codes(), false), s.d()), "spinquant code " + down);
      assertChanges(s, new SpinQuant.Weights(N, K, down, mutate(s.codes(), true), s.d()), "spinquant step " + down);
    }
  }
}
