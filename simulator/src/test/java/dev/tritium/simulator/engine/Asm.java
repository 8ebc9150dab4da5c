package dev.tritium.simulator.engine;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Store;

/** Terse builders for test programs. Flags: "pp" pop_prev, "pn" pop_next, "up" push_prev, "un" push_next. */
final class Asm {

  private Asm() {}

  static Deps deps(String flags) {
    return new Deps(flags.contains("pp"), flags.contains("pn"), flags.contains("up"), flags.contains("un"));
  }

  /** Loads bytes contiguous bytes from DRAM 0 into WGT at sramAddr. */
  static Load loadWgt(long sramAddr, int bytes, String flags) {
    return new Load(deps(flags), Buffer.WGT, sramAddr, 0, 1, bytes, bytes);
  }

  static GemmTernary gemm(long wgtAddr, int m, int n, int k, String flags) {
    return new GemmTernary(deps(flags), wgtAddr, 0, 0, m, n, k, Packing.TWO_BIT, false);
  }

  static Store storeAcc(int bytes, String flags) {
    return new Store(deps(flags), Buffer.ACC, 0, 1 << 20, 1, bytes, bytes);
  }

  static Finish finish() {
    return new Finish(Deps.NONE);
  }
}
