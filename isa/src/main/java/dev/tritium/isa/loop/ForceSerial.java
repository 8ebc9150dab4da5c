package dev.tritium.isa.loop;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Sync;
import dev.tritium.isa.loop.LoopExpander;
import java.util.ArrayList;
import java.util.List;

/**
 * Debugging aid: rewrites a program so every instruction waits for the one before it, removing all
 * overlap between queues. Loops are expanded first. Between consecutive instructions X (queue A) and
 * Y (queue B != A) it inserts SYNC(A) pushing towards B right after X and SYNC(B) popping it right
 * before Y; LOAD and STORE are not neighbours, so that hop goes through a compute SYNC that pops and
 * pushes. Original flags are kept, and the inserted tokens are balanced, so a program whose every pop
 * is matched by an earlier push in program order (as mapper and LoopExpander output is) stays
 * token-correct; the validator reports the exception.
 */
public final class ForceSerial {

  private ForceSerial() {}

  public static List<Instruction> apply(List<? extends Instruction> program) {
    List<Instruction> explicit = LoopExpander.expand(program);
    List<Instruction> out = new ArrayList<>(explicit.size() * 3);
    Instruction prev = null;
    for (Instruction insn : explicit) {
      if (prev != null && prev.queue() != insn.queue()) {
        hop(prev.queue(), insn.queue(), out);
      }
      out.add(insn);
      prev = insn;
    }
    return out;
  }

  /** Appends the SYNCs that make queue {@code to} wait for everything queue {@code from} did so far. */
  private static void hop(Queue from, Queue to, List<Instruction> out) {
    Queue cur = from;
    while (cur != to) {
      boolean forward = to.ordinal() > cur.ordinal();
      Queue nextQ = forward ? cur.next() : cur.prev();
      out.add(new Sync(new Deps(false, false, !forward, forward), cur));
      out.add(new Sync(new Deps(forward, !forward, false, false), nextQ));
      cur = nextQ;
    }
  }
}
