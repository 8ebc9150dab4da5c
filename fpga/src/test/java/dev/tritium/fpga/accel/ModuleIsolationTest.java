package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four modules are separate translation units that share no variable, as separate HLS IPs must: each module
 * compiled on its own under the strict flags, its symbol table (GNU nm) shows no writable global data, only
 * references to the pure helpers of accel_util.c and to libc, and exactly one exported function, its top. The
 * check fails on deliberately bad variants (a global shared between compute and load, state in the helpers, a
 * second entry point).
 */
class ModuleIsolationTest {

  /** libc and libm functions the modules may call (string.h, stdio.h, math.h, and gcc's stack protector). */
  static final Set<String> LIBC = Set.of("memcpy", "memset", "memmove", "memcmp", "snprintf", "vsnprintf", "exp", "pow",
      "sin", "cos", "sqrt", "rintf", "fabsf", "__stack_chk_fail");

  /** nm's classes of data symbols (uppercase: global, visible to other translation units). */
  static final String DATA_CLASSES = "BbDdCGgSsVv";

  /** One symbol of an object file: name, nm class and section. */
  record Sym(String name, char kind, String section) {

    boolean undefined() {
      return kind == 'U';
    }

    boolean global() {
      return Character.isUpperCase(kind) && kind != 'U';
    }

    /** Data the program can write: not in a read-only section (relocated constant tables are read-only too). */
    boolean writableData() {
      return DATA_CLASSES.indexOf(kind) >= 0 && !section.startsWith(".rodata") && !section.startsWith(".data.rel.ro");
    }
  }

  @TempDir Path tmp;

  /** Writes the sources and compiles every translation unit of the accelerator on its own; object name to symbols. */
  static Map<String, List<Sym>> compile(Path dir, Map<String, String> sources) throws Exception {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    Map<String, List<Sym>> objects = new LinkedHashMap<>();
    List<String> units = new ArrayList<>();
    for (String m : AcceleratorEmitter.MODULES) {
      units.add(m + ".c");
    }
    units.add(AcceleratorEmitter.UTIL);
    units.add("accel_sim.c");
    for (String unit : units) {
      String object = unit.replace(".c", ".o");
      List<String> cmd = new ArrayList<>(List.of("gcc"));
      cmd.addAll(List.of(AcceleratorProject.CFLAGS.split(" ")));
      cmd.addAll(List.of("-c", unit, "-o", object));
      AccelSim.Run cc = AccelSim.run(dir, cmd);
      assertEquals(0, cc.exitCode(), unit + " must compile on its own under the strict flags:\n" + cc.output());
      AccelSim.Run nm = AccelSim.run(dir, List.of("nm", "-f", "sysv", object));
      assertEquals(0, nm.exitCode(), nm.output());
      objects.put(object, parse(nm.output()));
    }
    return objects;
  }

  /** nm -f sysv: "name|value|class|type|size|line|section" per symbol. */
  static List<Sym> parse(String nm) {
    List<Sym> out = new ArrayList<>();
    for (String line : nm.lines().toList()) {
      String[] f = line.split("\\|", -1);
      if (f.length == 7 && !f[0].isBlank() && !f[2].isBlank() && !f[0].strip().equals("Name")) {
        out.add(new Sym(f[0].strip(), f[2].strip().charAt(0), f[6].strip()));
      }
    }
    return out;
  }

  /** Every way an object breaks the module structure, one line each; empty when the structure holds. */
  static List<String> violations(Map<String, List<Sym>> objects) {
    List<String> out = new ArrayList<>();
    String util = AcceleratorEmitter.UTIL.replace(".c", ".o");
    Set<String> helpers = objects.get(util).stream().filter(s -> s.global() && !s.undefined()).map(Sym::name)
        .collect(Collectors.toSet());
    for (Sym s : objects.get(util)) {
      if (s.writableData()) {
        out.add(util + " holds variable " + s.name() + ": the helpers must be pure");
      }
      if (s.global() && !s.undefined() && s.kind() != 'T') {
        out.add(util + " exports " + s.name() + " (class " + s.kind() + "), not a function");
      }
    }
    for (String module : AcceleratorEmitter.MODULES) {
      String object = module + ".o";
      List<Sym> syms = objects.get(object);
      for (Sym s : syms) {
        if (s.writableData() && s.global()) {
          out.add(object + " defines global variable " + s.name() + ": another module could share it");
        }
        if (s.undefined() && !helpers.contains(s.name())) {
          String owner = objects.entrySet().stream().filter(e -> !e.getKey().equals(object))
              .filter(e -> e.getValue().stream().anyMatch(d -> d.name().equals(s.name()) && d.global() && !d.undefined()))
              .map(Map.Entry::getKey).findFirst().orElse(null);
          if (owner != null) {
            out.add(object + " references " + s.name() + ", defined by " + owner);
          } else if (!LIBC.contains(s.name())) {
            out.add(object + " references " + s.name() + ", neither a pure helper nor libc");
          }
        }
      }
      List<String> exported = syms.stream().filter(s -> s.global() && !s.undefined() && s.kind() == 'T')
          .map(Sym::name).toList();
      if (!exported.equals(List.of(AcceleratorEmitter.topOf(module)))) {
        out.add(object + " exports " + exported + ", expected exactly [" + AcceleratorEmitter.topOf(module) + "]");
      }
    }
    return out;
  }

  private static Map<String, String> edgeSources() {
    return AcceleratorEmitter.sources(AcceleratorConfig.of(ArchConfigs.preset("edge-fpga"), AcceleratorEmitterTest.KV260));
  }

  private static Set<String> names(List<Sym> syms, java.util.function.Predicate<Sym> p) {
    return syms.stream().filter(p).map(Sym::name).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void eachModuleIsItsOwnTranslationUnitSharingNoState() throws Exception {
    Map<String, List<Sym>> objects = compile(tmp.resolve("ok"), edgeSources());
    assertEquals(List.of(), violations(objects));
    // the explicit figures behind the rules
    assertEquals(Set.of(), names(objects.get("accel_util.o"), Sym::writableData), "accel_util.o holds no variable");
    for (String m : List.of("load", "compute", "store")) {
      assertEquals(Set.of(AcceleratorEmitter.topOf(m)), names(objects.get(m + ".o"), s -> s.global() && !s.undefined()),
          m + ".o exports its top and nothing else");
    }
    Set<String> helpers = names(objects.get("accel_util.o"), s -> s.global() && !s.undefined());
    for (String m : AcceleratorEmitter.MODULES) {
      Set<String> refs = names(objects.get(m + ".o"), Sym::undefined);
      refs.removeAll(helpers);
      refs.removeAll(LIBC);
      assertEquals(Set.of(), refs, m + ".o references only pure helpers and libc");
    }
    // private registers stay private: compute's CFG registers and fetch's state are file-local
    assertEquals(Set.of("cfg_regs"), names(objects.get("compute.o"), s -> s.writableData() && s.name().equals("cfg_regs")));
    assertTrue(objects.get("compute.o").stream().anyMatch(s -> s.name().equals("cfg_regs") && s.kind() == 'b'));
    assertTrue(objects.get("fetch.o").stream().anyMatch(s -> s.name().equals("fe") && s.kind() == 'b'));
    // the five buffers, the FIFOs and the token counters belong to the simulation top alone
    for (String owned : List.of("wgt_mem", "act_mem", "acc_mem", "lut_mem", "vec_mem", "cmd_queues", "token_counts")) {
      for (Map.Entry<String, List<Sym>> e : objects.entrySet()) {
        boolean has = e.getValue().stream().anyMatch(s -> s.name().equals(owned) && s.writableData());
        assertEquals(e.getKey().equals("accel_sim.o"), has, owned + " in " + e.getKey());
      }
    }
  }

  /** A bad variant of the sources: text appended to one file. */
  private Map<String, String> mutant(Map<String, String> base, String file, String append) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.put(file, m.get(file) + append);
    return m;
  }

  @Test
  void aSharedGlobalStateInTheHelpersOrASecondEntryPointIsCaught() throws Exception {
    Map<String, String> base = edgeSources();
    // compute's registers made global and read by load: the pattern of the old single-file accelerator
    Map<String, String> shared = mutant(mutant(base, "compute.c", "uint32_t accel_shared_cfg[4];\n"), "load.c",
        "extern uint32_t accel_shared_cfg[4];\nuint32_t *const accel_load_alias = accel_shared_cfg;\n");
    List<String> v = violations(compile(tmp.resolve("shared"), shared));
    assertTrue(v.contains("compute.o defines global variable accel_shared_cfg: another module could share it"), v.toString());
    assertTrue(v.contains("load.o references accel_shared_cfg, defined by compute.o"), v.toString());
    // a status variable in the helpers
    v = violations(compile(tmp.resolve("stateful"), mutant(base, "accel_util.c", "int accel_last_status;\n")));
    assertTrue(v.contains("accel_util.o holds variable accel_last_status: the helpers must be pure"), v.toString());
    // a second exported function in store
    v = violations(compile(tmp.resolve("entry"), mutant(base, "store.c", "int accel_store_peek(void);\n"
        + "int accel_store_peek(void)\n{\n  return 0;\n}\n")));
    assertTrue(v.contains("store.o exports [accel_store, accel_store_peek], expected exactly [accel_store]"), v.toString());
  }

  /** What HLS can build: string.h block moves and math.h; no stdio, heap or files. */
  static final Set<String> SYNTHESIZABLE_LIBC = Set.of("memcpy", "memset", "memmove", "exp", "pow", "sin", "cos",
      "sqrt", "rintf", "fabsf");

  /**
   * The view Vitis compiles (-D__SYNTHESIS__): every unit, the co-simulated accel_top included, compiles under the
   * strict flags (bar the HLS pragmas gcc does not know and the message-only parameters that view leaves unused)
   * and calls no printf, malloc or file function: the messages are compiled out, and no pointer is kept in a global.
   */
  @Test
  void theSynthesisViewCompilesAndCallsNoStdioOrHeap() throws Exception {
    Path dir = tmp.resolve("synthesis");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : edgeSources().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    List<String> units = new ArrayList<>();
    for (String m : AcceleratorEmitter.MODULES) {
      units.add(m + ".c");
    }
    units.add(AcceleratorEmitter.UTIL);
    units.add("accel_sim.c");
    Set<String> defined = new TreeSet<>();
    Map<String, Set<String>> undefined = new LinkedHashMap<>();
    for (String unit : units) {
      String object = unit.replace(".c", ".syn.o");
      List<String> cmd = new ArrayList<>(List.of("gcc"));
      cmd.addAll(List.of(AcceleratorProject.CFLAGS.split(" ")));
      cmd.addAll(List.of("-Wno-unknown-pragmas", "-Wno-unused-parameter", "-Wno-unused-function", "-D__SYNTHESIS__",
          "-c", unit, "-o", object));
      AccelSim.Run cc = AccelSim.run(dir, cmd);
      assertEquals(0, cc.exitCode(), unit + " must compile in the synthesis view:\n" + cc.output());
      AccelSim.Run nm = AccelSim.run(dir, List.of("nm", "-f", "sysv", object));
      List<Sym> syms = parse(nm.output());
      syms.stream().filter(x -> x.global() && !x.undefined()).map(Sym::name).forEach(defined::add);
      undefined.put(unit, names(syms, Sym::undefined));
      assertEquals(Set.of(), names(syms, x -> x.writableData() && x.name().startsWith("prog_")), unit);
    }
    for (Map.Entry<String, Set<String>> e : undefined.entrySet()) {
      Set<String> external = new TreeSet<>(e.getValue());
      external.removeAll(defined);
      external.removeAll(SYNTHESIZABLE_LIBC);
      external.remove("__stack_chk_fail");
      assertEquals(Set.of(), external, e.getKey() + " calls outside the design in the synthesis view");
    }
    // and the simulation view does call the message formatters: the check above is not vacuous
    Map<String, List<Sym>> sim = compile(tmp.resolve("simulation"), edgeSources());
    assertTrue(sim.get("accel_sim.o").stream().anyMatch(x -> x.undefined() && x.name().equals("snprintf")));
  }
}
