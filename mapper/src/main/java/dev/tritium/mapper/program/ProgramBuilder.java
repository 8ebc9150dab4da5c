package dev.tritium.mapper.program;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends instructions and places the dependency tokens of DMA outside LOOP.GEMM macros.
 *
 * <p>Token discipline (every pair is emitted at the same point of program order, so the i-th pop of
 * a counter always matches the i-th push, also across LOOP.GEMM expansions whose own tokens balance
 * inside the loop): a batch of loads waits for compute to reach this point (compute SYNC push_prev,
 * first load pop_next), and compute waits for the batch (last load push_next, compute SYNC
 * pop_prev); stores mirror it. This is safe for any buffer reuse, at the price of not overlapping
 * these DMAs with compute (LOOP.GEMM weight streams do overlap: they double-buffer).
 */
public final class ProgramBuilder {

  private final List<Instruction> program = new ArrayList<>();

  public ProgramBuilder add(Instruction i) {
    program.add(i);
    return this;
  }

  /** Loads that compute must wait for, and that must not start before compute reaches this point. */
  public ProgramBuilder loads(List<Load> requested) {
    List<Load> loads = DmaSplit.loads(requested);
    if (loads.isEmpty()) {
      return this;
    }
    program.add(new Sync(new Deps(false, false, true, false), Queue.COMPUTE));
    for (int i = 0; i < loads.size(); i++) {
      Load l = loads.get(i);
      program.add(l.withDeps(new Deps(false, i == 0, false, i == loads.size() - 1)));
    }
    program.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
    return this;
  }

  /** Stores of data compute has produced; compute resumes after they are done. */
  public ProgramBuilder stores(List<Store> requested) {
    List<Store> stores = DmaSplit.stores(requested);
    if (stores.isEmpty()) {
      return this;
    }
    program.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
    for (int i = 0; i < stores.size(); i++) {
      Store s = stores.get(i);
      program.add(s.withDeps(new Deps(i == 0, false, i == stores.size() - 1, false)));
    }
    program.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    return this;
  }

  /**
   * Weight-slot barrier before a LOOP.GEMM: its first loads wait until compute has finished every
   * earlier instruction (the previous loop's last tiles still read both WGT slots).
   */
  public ProgramBuilder slotBarrier() {
    program.add(new Sync(new Deps(false, false, true, false), Queue.COMPUTE));
    program.add(new Sync(new Deps(false, true, false, false), Queue.LOAD));
    return this;
  }

  public int size() {
    return program.size();
  }

  /** The program with FINISH appended. */
  public List<Instruction> finish() {
    List<Instruction> out = new ArrayList<>(program);
    out.add(new Finish(Deps.NONE));
    return out;
  }
}
