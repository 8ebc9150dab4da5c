package dev.tritium.isa.validate;

import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.loop.ExpandedInstruction;
import dev.tritium.isa.loop.LoopExpander;
import dev.tritium.isa.loop.LoopPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a program against a target before simulation (README "Validator"):
 * <ol>
 *   <li>program shape: exactly one FINISH, and it is last; every LOOP.GEMM has a valid configuration;</li>
 *   <li>structural, on every explicit instruction after loop expansion: flags legal for the queue,
 *       non-zero shapes, units and packings the target has, exact operand extents inside their
 *       buffers, alignment, strides, in-place rules, required CFG registers;</li>
 *   <li>tokens: a static token simulation proves no pop waits forever and every counter is zero at
 *       FINISH;</li>
 *   <li>lint: overlapping SRAM ranges touched by different queues with no token ordering
 *       (warnings; errors in strict mode).</li>
 * </ol>
 * Expansion is streamed, so validating a program with huge loops needs no more memory than the
 * loop's own bookkeeping.
 */
public final class Validator {

  /** strict turns lint warnings into errors; lint=false skips the overlap lint. */
  public record Options(boolean strict, boolean lint) {
    public static final Options DEFAULT = new Options(false, true);
    public static final Options STRICT = new Options(true, true);
  }

  /**
   * The most instructions a program may expand to. The simulator runs a few million instructions per second;
   * beyond this a run would take minutes to hours, so the validator (which gates the simulator) refuses it.
   */
  public static final long MAX_EXPANDED_INSTRUCTIONS = 50_000_000L;

  private Validator() {}

  public static ValidationReport validate(List<? extends Instruction> program, IsaTarget target) {
    return validate(program, target, Options.DEFAULT);
  }

  public static ValidationReport validate(List<? extends Instruction> program, IsaTarget target, Options options) {
    FindingSink findings = new FindingSink();
    checkFinish(program, findings);
    boolean loopsOk = checkLoops(program, findings);
    if (loopsOk) {
      long expanded = LoopExpander.expandedSize(program);
      if (expanded > MAX_EXPANDED_INSTRUCTIONS) {
        findings.add(new Finding(Severity.ERROR, 0, "program", "size", "expands to " + expanded
            + " instructions after LOOP.GEMM expansion, more than the " + MAX_EXPANDED_INSTRUCTIONS
            + " one simulation runs; split the work into several programs"));
        loopsOk = false; // walking the expansion would take as long as simulating it
      }
    }
    StructuralChecker structural = new StructuralChecker(target, findings::add);
    ConfigRegisters registers = new ConfigRegisters();
    long count = 0;
    if (loopsOk) {
      TokenChecker tokens = new TokenChecker(target, findings::add, options.lint(), options.strict());
      Iterator<ExpandedInstruction> it = LoopExpander.stream(program);
      while (it.hasNext()) {
        ExpandedInstruction e = it.next();
        structural.check(e, registers);
        registers.apply(e.instruction());
        tokens.accept(e);
        count++;
      }
      tokens.finish();
    } else {
      // Loops cannot be expanded: still check the explicit instructions, skip the token analysis.
      for (int i = 0; i < program.size(); i++) {
        Instruction insn = program.get(i);
        if (!(insn instanceof LoopGemm)) {
          structural.check(new ExpandedInstruction(insn, i, -1), registers);
          registers.apply(insn);
          count++;
        }
      }
    }
    return new ValidationReport(findings.kept, count, findings.suppressedErrors, findings.suppressedWarnings);
  }

  /** Keeps the first findings; counts the rest, so a bad million-tile loop does not flood memory. */
  private static final class FindingSink {
    static final int MAX_KEPT = 200;
    final List<Finding> kept = new ArrayList<>();
    long suppressedErrors;
    long suppressedWarnings;

    void add(Finding f) {
      if (kept.size() < MAX_KEPT) {
        kept.add(f);
      } else if (f.severity() == Severity.ERROR) {
        suppressedErrors++;
      } else {
        suppressedWarnings++;
      }
    }
  }

  private static void checkFinish(List<? extends Instruction> program, FindingSink findings) {
    if (program.isEmpty() || !(program.get(program.size() - 1) instanceof Finish)) {
      int last = program.size() - 1;
      findings.add(new Finding(Severity.ERROR, last, last < 0 ? "end of program" : "#" + last + " "
          + program.get(last).mnemonic(), "opcode", "the program must end with FINISH"));
    }
    for (int i = 0; i < program.size() - 1; i++) {
      if (program.get(i) instanceof Finish) {
        findings.add(new Finding(Severity.ERROR, i, "#" + i + " FINISH", "opcode",
            "FINISH before the end of the program (only the last instruction may be FINISH)"));
      }
    }
  }

  private static boolean checkLoops(List<? extends Instruction> program, FindingSink findings) {
    LoopWeights weights = null;
    LoopBounds bounds = null;
    boolean ok = true;
    for (int i = 0; i < program.size(); i++) {
      Instruction insn = program.get(i);
      if (insn instanceof LoopWeights w) {
        weights = w;
      } else if (insn instanceof LoopBounds b) {
        bounds = b;
      } else if (insn instanceof LoopGemm g) {
        for (LoopPlan.Problem p : LoopPlan.problems(weights, bounds, g)) {
          findings.add(new Finding(Severity.ERROR, i, "#" + i + " LOOP.GEMM", p.field(), p.message()));
          ok = false;
        }
      }
    }
    return ok;
  }
}
