package dev.tritium.isa.validate;

import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Queue;
import dev.tritium.isa.loop.ExpandedInstruction;
import java.util.ArrayDeque;
import java.util.EnumMap;
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

  /** Live accesses kept per queue pair before the oldest are dropped (keeps pathological programs linear). */
  private static final int MAX_LIVE_ACCESSES = 4096;
  private static final int MAX_LINT_FINDINGS = 100;

  private record Pending(ExpandedInstruction insn) {}

  private record LiveAccess(Access access, Queue queue, long seq, ExpandedInstruction insn) {}

  private final IsaTarget target;
  private final Consumer<Finding> sink;
  private final Severity lintSeverity;
  private final boolean lint;
  private final Map<Queue, ArrayDeque<Pending>> queues = new EnumMap<>(Queue.class);
  private final Map<TokenCounter, ArrayDeque<long[]>> tokens = new EnumMap<>(TokenCounter.class);
  private final Map<Queue, long[]> lastClock = new EnumMap<>(Queue.class);
  private final Map<Queue, Long> fired = new EnumMap<>(Queue.class);
  private final ConfigRegisters computeRegisters = new ConfigRegisters();
  /** live.get(x).get(q): accesses by queue x that a later instruction of queue q could still race. */
  private final Map<Queue, Map<Queue, ArrayDeque<LiveAccess>>> live = new EnumMap<>(Queue.class);
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
    for (Queue x : Queue.values()) {
      Map<Queue, ArrayDeque<LiveAccess>> byChecker = new EnumMap<>(Queue.class);
      for (Queue q : Queue.values()) {
        if (q != x) {
          byChecker.put(q, new ArrayDeque<>());
        }
      }
      live.put(x, byChecker);
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
    for (Queue x : Queue.values()) {
      if (x == q) {
        continue;
      }
      ArrayDeque<LiveAccess> candidates = live.get(x).get(q);
      // Accesses the current instruction is ordered after can never race q again: q's clock only grows.
      candidates.removeIf(la -> clock[x.ordinal()] >= la.seq());
      for (LiveAccess la : candidates) {
        for (Access a : accesses) {
          if ((la.access().write() || a.write()) && la.access().overlaps(a)) {
            report(la, e, q, a);
          }
        }
      }
    }
    for (Queue other : Queue.values()) {
      if (other == q) {
        continue;
      }
      ArrayDeque<LiveAccess> list = live.get(q).get(other);
      for (Access a : accesses) {
        // The store queue only reads SRAM, so only writes can race it.
        if (a.write() || other != Queue.STORE) {
          list.addLast(new LiveAccess(a, q, seq, e));
        }
      }
      while (list.size() > MAX_LIVE_ACCESSES) {
        list.pollFirst();
      }
    }
  }

  private void report(LiveAccess x, ExpandedInstruction e, Queue q, Access a) {
    lintFindings++;
    if (lintFindings > MAX_LINT_FINDINGS) {
      return;
    }
    long lo = Math.max(x.access().start(), a.start());
    long hi = Math.min(x.access().end(), a.end());
    String msg = String.format("%s (%s queue, %s) and %s (%s queue, %s) both access %s [0x%x, 0x%x) with no token"
            + " ordering between them: a race unless a token is added", x.insn().label(), x.queue().label(),
        x.access().write() ? "writes" : "reads", e.label(), q.label(), a.write() ? "writes" : "reads",
        a.buffer(), lo, hi);
    if (lintFindings == MAX_LINT_FINDINGS) {
      msg += " (further overlap findings suppressed)";
    }
    sink.accept(new Finding(lintSeverity, e.sourceIndex(), e.label(), a.field(), msg));
  }

}
