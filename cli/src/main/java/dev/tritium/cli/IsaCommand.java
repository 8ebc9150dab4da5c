package dev.tritium.cli;

import dev.tritium.common.io.InputFiles;
import dev.tritium.isa.loop.ForceSerial;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.doc.CHeaderGenerator;
import dev.tritium.isa.doc.ReferenceDoc;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.isa.loop.LoopExpander;
import dev.tritium.isa.validate.Finding;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tritium isa}: assemble, disassemble, validate ISA programs and print the ISA reference. */
@Command(
    name = "isa",
    mixinStandardHelpOptions = true,
    description = "Tritium accelerator ISA: assembler, disassembler, validator, reference tables (see isa/README.md).",
    subcommands = {IsaCommand.Asm.class, IsaCommand.Disasm.class, IsaCommand.Validate.class, IsaCommand.Spec.class})
public final class IsaCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The --target option shared by asm and validate (a picocli mixin). */
  static final class TargetOption {
    @Option(names = "--target", paramLabel = "FILE",
        description = "ISA target file (key = value; see `tritium isa spec --default-target`)."
            + " Default: the built-in edge design (WGT 512 KiB, ACT 128 KiB, ACC 256 KiB, LUT 128 KiB,"
            + " VEC 256 KiB, 32x64 MAC, LUT g=3 ternary_base3, 64 lanes).")
    Path file;

    IsaTarget load() throws IOException {
      if (file == null) {
        return IsaTarget.edgeDefault();
      }
      requireFile(file, "--target");
      return IsaTargetFile.read(file);
    }
  }

  static void requireFile(Path p, String what) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(what + ": no such file: " + p);
    }
  }

  /** Reads assembly text or a binary (detected by its magic); a binary must match the target. */
  static List<Instruction> readProgram(Path file, IsaTarget target) throws IOException {
    requireFile(file, "program");
    byte[] bytes = InputFiles.bytes(file, "an ISA program (assembly or binary)", Assembler.MAX_PROGRAM_BYTES);
    if (bytes.length >= ProgramBinary.MAGIC.length
        && Arrays.equals(Arrays.copyOf(bytes, ProgramBinary.MAGIC.length), ProgramBinary.MAGIC)) {
      ProgramBinary.Decoded d = ProgramBinary.read(file);
      try {
        ProgramBinary.requireTarget(d.configTag(), target);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
      return d.instructions();
    }
    return Assembler.assemble(file);
  }

  @Command(name = "asm", mixinStandardHelpOptions = true,
      description = "Assemble IN.asm into the binary OUT.bin for a target (the binary carries its config tag).")
  static final class Asm implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.asm", description = "Assembly source.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.bin", description = "Binary to write.")
    Path out;

    @CommandLine.Mixin TargetOption target;

    @Option(names = "--force-serial",
        description = "Debugging: expand loops and insert SYNCs so every instruction waits for the previous one.")
    boolean forceSerial;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      IsaTarget t = target.load();
      requireFile(in, "IN.asm");
      List<Instruction> program = Assembler.assemble(in);
      if (forceSerial) {
        program = ForceSerial.apply(program);
      }
      // Everything that can fail runs before the binary is written (atomically): no OUT.bin after an error.
      long expanded = LoopExpander.expandedSize(program);
      ProgramBinary.write(out, program, t);
      spec.commandLine().getOut().printf(Locale.ROOT,
          "assembled %d instructions (%d after loop expansion) for target '%s' (config tag 0x%08x) -> %s%n",
          program.size(), expanded, t.name(), t.configTag(), out);
      return 0;
    }
  }

  @Command(name = "disasm", mixinStandardHelpOptions = true,
      description = "Print a binary program as assembly that re-assembles to the identical binary.")
  static final class Disasm implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.bin", description = "Binary program.")
    Path in;

    @Option(names = "--target", paramLabel = "FILE",
        description = "Also check the binary was assembled for this target file (default: no check).")
    Path targetFile;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      requireFile(in, "IN.bin");
      ProgramBinary.Decoded d = ProgramBinary.read(in);
      if (targetFile != null) {
        requireFile(targetFile, "--target");
        try {
          ProgramBinary.requireTarget(d.configTag(), IsaTargetFile.read(targetFile));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
        }
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "; %s: TRITISA format version 1, config tag 0x%08x, %d instructions%n", in,
          d.configTag(), d.instructions().size());
      w.print(Disassembler.toText(d.instructions()));
      w.flush();
      return 0;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Validate a program (assembly or binary) against a target: fields, buffer extents, units,"
          + " tokens (static token simulation) and the cross-queue overlap lint.",
          "Exit 0 when valid (warnings are printed), 1 when there are errors."})
  static final class Validate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Program: .asm text or binary.")
    Path file;

    @CommandLine.Mixin TargetOption target;

    @Option(names = "--strict", description = "Treat overlap-lint warnings as errors.")
    boolean strict;

    @Option(names = "--no-lint", description = "Skip the cross-queue overlap lint.")
    boolean noLint;

    @Option(names = "--force-serial", description = "Validate the force-serialized program instead (debugging).")
    boolean forceSerial;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      IsaTarget t = target.load();
      List<Instruction> program = readProgram(file, t);
      if (forceSerial) {
        program = ForceSerial.apply(program);
      }
      ValidationReport r = Validator.validate(program, t, new Validator.Options(strict, !noLint));
      PrintWriter w = spec.commandLine().getOut();
      for (Finding f : r.findings()) {
        w.println(file + ": " + f);
      }
      if (r.suppressedErrors() + r.suppressedWarnings() > 0) {
        w.printf(Locale.ROOT, "%s: ... and %d more errors, %d more warnings%n", file, r.suppressedErrors(),
            r.suppressedWarnings());
      }
      long errors = r.errors().size() + r.suppressedErrors();
      long warnings = r.warnings().size() + r.suppressedWarnings();
      w.printf(Locale.ROOT, "%s: %s: %d instructions (%d after loop expansion), %d error(s), %d warning(s),"
              + " target '%s'%n", file, r.ok() ? "VALID" : "INVALID", program.size(), r.expandedInstructions(),
          errors, warnings, t.name());
      w.flush();
      return r.ok() ? 0 : TritiumCommand.EXIT_CHECK_FAILED;
    }
  }

  @Command(name = "spec", mixinStandardHelpOptions = true,
      description = "Print the ISA reference tables (generated from the spec), or the C header, or a target file.")
  static final class Spec implements Callable<Integer> {
    @Option(names = "--c-header", description = "Print the C99 header for the HLS export instead.")
    boolean cHeader;

    @Option(names = "--default-target", description = "Print the built-in target as a --target file instead.")
    boolean defaultTarget;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (cHeader && defaultTarget) {
        throw new IllegalArgumentException("--c-header and --default-target are exclusive");
      }
      PrintWriter w = spec.commandLine().getOut();
      w.print(cHeader ? CHeaderGenerator.generate()
          : defaultTarget ? IsaTargetFile.toText(IsaTarget.edgeDefault()) : ReferenceDoc.generate());
      w.flush();
      return 0;
    }
  }

}
