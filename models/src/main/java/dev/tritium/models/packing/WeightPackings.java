package dev.tritium.models.packing;

import java.util.List;
import java.util.stream.Collectors;

/** The packings the kit knows, by name. Layouts are tabulated in models/README.md. */
public final class WeightPackings {

  /** I2_S-style 2-bit codes -1/0/+1 -> 0/1/2, four per byte, column k at bits 2(k%4)+1..2(k%4). */
  public static final TernaryGroupPacking TWO_BIT =
      new TernaryGroupPacking("2bit", 1, 2, DigitOrder.FIRST_LEAST_SIGNIFICANT);
  /** Base-3: five weights per byte, value = sum t_i * 3^i (first weight least significant), 1.6 bits/weight. */
  public static final TernaryGroupPacking BASE3 =
      new TernaryGroupPacking("base3", 5, 8, DigitOrder.FIRST_LEAST_SIGNIFICANT);
  /** LUT g = 2: 9-entry table, 4-bit index (bitnet.cpp TL1 order: index = 3*t0 + t1). */
  public static final TernaryGroupPacking LUT_G2 =
      new TernaryGroupPacking("lut-g2", 2, 4, DigitOrder.FIRST_MOST_SIGNIFICANT);
  /** LUT g = 3: 27-entry table, 5-bit index (index = 9*t0 + 3*t1 + t2). */
  public static final TernaryGroupPacking LUT_G3 =
      new TernaryGroupPacking("lut-g3", 3, 5, DigitOrder.FIRST_MOST_SIGNIFICANT);
  /** LUT g = 4: 81-entry table, 7-bit index (index = 27*t0 + 9*t1 + 3*t2 + t3). */
  public static final TernaryGroupPacking LUT_G4 =
      new TernaryGroupPacking("lut-g4", 4, 7, DigitOrder.FIRST_MOST_SIGNIFICANT);
  /** bitnet.cpp TL2 mirror form, g = 3: 4-bit magnitude into a 14-entry table plus one sign bit. */
  public static final MirrorSignPacking MIRROR_G3 = new MirrorSignPacking("tl2-mirror-g3", 3);
  /** T-MAC bit-serial planes (offset encoding), two 1-bit planes. */
  public static final BitPlanePacking BIT_PLANES = new BitPlanePacking("bitplanes");

  /** One bit per binary weight, bit 1 = +1, LSB first (bitnet-w1 on the MAC array). */
  public static final SignBitsPacking SIGN_BITS = new SignBitsPacking("sign-bits");

  private static final List<WeightPacking> ALL =
      List.of(TWO_BIT, BASE3, LUT_G2, LUT_G3, LUT_G4, MIRROR_G3, BIT_PLANES, SIGN_BITS);

  private WeightPackings() {}

  /** Every packing, in a stable order. */
  public static List<WeightPacking> all() {
    return ALL;
  }

  /** The packing with this name; unknown names get an error listing the valid ones. */
  public static WeightPacking byName(String name) {
    for (WeightPacking p : ALL) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown weight packing '" + name + "', expected one of: "
        + ALL.stream().map(WeightPacking::name).collect(Collectors.joining(", ")));
  }
}
