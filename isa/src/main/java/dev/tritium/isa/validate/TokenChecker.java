package dev.tritium.isa.validate;

import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Queue;
import dev.tritium.isa.loop.ExpandedInstruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Static token simulation and the cross-queue overlap lint, in one streaming pass.
 *
 * <p>Each counter is popped by exactly one queue, so firing one queue's head never disables another
 * queue's head: the greedy "fire any head whose pops are available" reaches the same final state as
 * every real interleaving. A program is token-correct iff the greedy run drains every queue (else the
 * stuck heads are reported) and leaves every counter at zero (else the leftovers are reported at FINISH).
 *
 * <p>Lint: the k-th pop of a counter happens after the k-th push, so each fired instruction gets a
 * vector clock (one entry per queue) that is the maximum of its queue predecessor's and the clocks of
 * the pushes it popped. Two accesses from different queues are ordered iff the later one's clock covers
 * the earlier one's queue position. Overlapping accesses, one a write, that are not ordered, are flagged
 * (a missing token is a race). Strided operands are compared by their bounding range.
 */
final class TokenChecker {

  /** Live accesses kept per buffer before the oldest are dropped (keeps pathological programs linear). */
  private static final int MAX_LIVE_ACCESSES = 4096;
  private static final int MAX_LINT_FINDINGS = 100;

  private record Pending(ExpandedInstruction insn) {}

  private record LiveAccess(Access access, Queue queue, long seq, String label, int sourceIndex) {}

  private final IsaTarget target;
  private final Consumer<Finding> sink;
  private final Severity lintSeverity;
  private final boolean lint;
  private final Map<Queue, ArrayDeque<Pending>> queues = new EnumMap<>(Queue.class);
  private final Map<TokenCounter, ArrayDeque<long[]>> tokens = new EnumMap<>(TokenCounter.class);
  private final Map<Queue, long[]> lastClock = new EnumMap<>(Queue.class);
  private final Map<Queue, Long> fired = new EnumMap<>(Queue.class);
  private final ConfigRegisters computeRegisters = new ConfigRegisters();
  private final List<LiveAccess> live = new ArrayList<>();
  private int lintFindings;
  private ExpandedInstruction finish;

  TokenChecker(IsaTarget target, Consumer<Finding> sink, boolean lint, boolean strict) {
    this.target = target;
    this.sink = sink;
    this.lint = lint;
    this.lintSeverity = strict ? Severity.ERROR : Severity.WARNING;
    for (Queue q : Queue.values()) {
      queues.put(q, new ArrayDeque<>());
      lastClock.put(q, new long[Queue.values().length]);
      fired.put(q, 0L);
    }
    for (TokenCounter c : TokenCounter.values()) {
      tokens.put(c, new ArrayDeque<>());
    }
  }

  /** Appends the next instruction in program order and fires whatever can fire. */
  void accept(ExpandedInstruction e) {
    if (e.instruction().opcode() == dev.tritium.isa.Opcode.FINISH) {
      finish = e;
    }
    queues.get(e.instruction().queue()).addLast(new Pending(e));
    drain();
  }

  /** After the last instruction: report stuck queues and unbalanced counters. */
  void finish() {
    drain();
    boolean stuck = false;
    for (Queue q : Queue.values()) {
      Pending head = queues.get(q).peekFirst();
      if (head == null) {
        continue;
      }
      stuck = true;
      ExpandedInstruction e = head.insn();
      TokenCounter waiting = blockingCounter(e.instruction());
      Pending pusherHead = queues.get(waiting.from()).peekFirst();
      String pusher = pusherHead == null
          ? "no remaining " + waiting.from().label() + " instruction pushes it"
          : "the " + waiting.from().label() + " queue is itself blocked at " + pusherHead.insn().label();
      sink.accept(new Finding(Severity.ERROR, e.sourceIndex(), e.label(),
          waiting.to() == q && waiting.from() == q.prev() ? "pop_prev" : "pop_next",
          "deadlock: " + q.label() + " " + e.label() + " waiting on " + waiting.label() + " token; " + pusher
              + " (" + (queues.get(q).size() - 1) + " more " + q.label() + " instructions never run)"));
    }
    if (stuck) {
      return;
    }
    for (TokenCounter c : TokenCounter.values()) {
      int left = tokens.get(c).size();
      if (left > 0) {
        int index = finish == null ? -1 : finish.sourceIndex();
        String where = finish == null ? "end of program" : finish.label();
        sink.accept(new Finding(Severity.ERROR, index, where, "tokens", "unbalanced at FINISH: " + left + " "
            + c.label() + " token(s) pushed but never popped"));
      }
    }
  }

  private TokenCounter blockingCounter(Instruction insn) {
    Deps d = insn.deps();
    Queue q = insn.queue();
    if (d.popPrev() && tokens.get(TokenCounter.popped(q, true)).isEmpty()) {
      return TokenCounter.popped(q, true);
    }
    return TokenCounter.popped(q, false);
  }

  private void drain() {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Queue q : Queue.values()) {
        while (tryFire(q)) {
          progress = true;
        }
      }
    }
  }

  private boolean tryFire(Queue q) {
    Pending head = queues.get(q).peekFirst();
    if (head == null) {
      return false;
    }
    Instruction insn = head.insn().instruction();
    Deps d = insn.deps();
    // Illegal flags (no neighbour) are structural errors reported elsewhere; ignore them here.
    boolean popPrev = d.popPrev() && q.prev() != null;
    boolean popNext = d.popNext() && q.next() != null;
    if (popPrev && tokens.get(TokenCounter.popped(q, true)).isEmpty()
        || popNext && tokens.get(TokenCounter.popped(q, false)).isEmpty()) {
      return false;
    }
    queues.get(q).pollFirst();
    long[] clock = lastClock.get(q).clone();
    if (popPrev) {
      max(clock, tokens.get(TokenCounter.popped(q, true)).pollFirst());
    }
    if (popNext) {
      max(clock, tokens.get(TokenCounter.popped(q, false)).pollFirst());
    }
    long seq = fired.get(q) + 1;
    fired.put(q, seq);
    clock[q.ordinal()] = seq;
    lastClock.put(q, clock);
    if (d.pushPrev() && q.prev() != null) {
      tokens.get(TokenCounter.pushed(q, true)).addLast(clock);
    }
    if (d.pushNext() && q.next() != null) {
      tokens.get(TokenCounter.pushed(q, false)).addLast(clock);
    }
    if (lint) {
      lint(head.insn(), q, seq, clock);
    }
    if (q == Queue.COMPUTE) {
      computeRegisters.apply(insn);
    }
    return true;
  }

  private static void max(long[] into, long[] other) {
    for (int i = 0; i < into.length; i++) {
      into[i] = Math.max(into[i], other[i]);
    }
  }

  private void lint(ExpandedInstruction e, Queue q, long seq, long[] clock) {
    List<Access> accesses = Accesses.of(e.instruction(), computeRegisters, target);
    if (accesses.isEmpty()) {
      return;
    }
    for (Access a : accesses) {
      for (LiveAccess x : live) {
        if (x.queue() != q && (x.access().write() || a.write()) && x.access().overlaps(a)
            && clock[x.queue().ordinal()] < x.seq()) {
          report(x, e, q, a);
        }
      }
    }
    for (Access a : accesses) {
      live.add(new LiveAccess(a, q, seq, e.label(), e.sourceIndex()));
    }
    prune();
  }

  private void report(LiveAccess x, ExpandedInstruction e, Queue q, Access a) {
    lintFindings++;
    if (lintFindings > MAX_LINT_FINDINGS) {
      return;
    }
    long lo = Math.max(x.access().start(), a.start());
    long hi = Math.min(x.access().end(), a.end());
    String msg = String.format("%s (%s queue, %s) and %s (%s queue, %s) both access %s [0x%x, 0x%x) with no token"
            + " ordering between them: a race unless a token is added", x.label(), x.queue().label(),
        x.access().write() ? "writes" : "reads", e.label(), q.label(), a.write() ? "writes" : "reads",
        a.buffer(), lo, hi);
    if (lintFindings == MAX_LINT_FINDINGS) {
      msg += " (further overlap findings suppressed)";
    }
    sink.accept(new Finding(lintSeverity, e.sourceIndex(), e.label(), a.field(), msg));
  }

  /** Drops accesses every queue is already ordered after (no future instruction can race them). */
  private void prune() {
    Iterator<LiveAccess> it = live.iterator();
    while (it.hasNext()) {
      LiveAccess x = it.next();
      boolean covered = true;
      for (Queue other : Queue.values()) {
        if (other != x.queue() && lastClock.get(other)[x.queue().ordinal()] < x.seq()) {
          covered = false;
          break;
        }
      }
      if (covered) {
        it.remove();
      }
    }
    while (live.size() > MAX_LIVE_ACCESSES) {
      live.remove(0);
    }
  }
}
