package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

/**
 * Address-to-sets table of a read buffer, built by walking the whole fetch order once: works for every
 * operand, including a convolution's ifmap, where one address sits in several sets. Memory and time are
 * linear in the operand matrix, so it is used only up to {@link #MAX_SLOTS} slots.
 */
final class ExplicitSetIndex implements UserReadBuffer.SetIndex {

  /** Largest fetch order (slots) this table is built for. */
  static final long MAX_SLOTS = 1L << 26;

  private final int[] first;
  private final int[] setsOf;
  private final long words;

  ExplicitSetIndex(DemandGeometry geo, DemandGeometry.Stream s, long sizeWords) {
    long slots = s.fetchSlots(geo.map);
    long space = geo.addressSpace(s.ifmap());
    if (slots > MAX_SLOTS || space > MAX_SLOTS) {
      throw new IllegalArgumentException("operand of " + slots + " prefetch slots is too large for the explicit "
          + "set table (at most " + MAX_SLOTS + ")");
    }
    long perSet = ceilDiv(sizeWords, 100);
    int[] count = new int[(int) space + 1];
    long[] n = {0};
    s.forEachFetch(geo, a -> {
      if (a >= 0) {
        count[(int) a + 1]++;
        n[0]++;
      }
    });
    for (int i = 1; i < count.length; i++) {
      count[i] += count[i - 1];
    }
    first = count;
    setsOf = new int[(int) n[0]];
    int[] fill = new int[(int) space];
    long[] pos = {0};
    s.forEachFetch(geo, a -> {
      if (a >= 0) {
        int addr = (int) a;
        setsOf[first[addr] + fill[addr]++] = (int) (pos[0] / perSet);
        pos[0]++;
      }
    });
    words = n[0];
  }

  @Override
  public long words() {
    return words;
  }

  @Override
  public boolean inWindow(long address, long start, long end, long sets) {
    int a = (int) address;
    for (int i = first[a]; i < first[a + 1]; i++) {
      if (UserReadBuffer.windowContains(setsOf[i], start, end)) {
        return true;
      }
    }
    return false;
  }
}
