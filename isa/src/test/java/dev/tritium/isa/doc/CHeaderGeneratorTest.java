package dev.tritium.isa.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Packing;
import dev.tritium.isa.encoding.InstructionCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated header compiles cleanly with gcc, and C reads Java-encoded fields back exactly. */
class CHeaderGeneratorTest {

  @TempDir Path dir;

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      fail("cannot run " + cmd[0] + " (" + e.getMessage() + "): install gcc (e.g. apt-get install gcc) to run the"
          + " C header checks");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
    return out;
  }

  @Test
  void headerPassesStrictC99SyntaxCheck() throws Exception {
    Files.writeString(dir.resolve("tritium_isa.h"), CHeaderGenerator.generate());
    Files.writeString(dir.resolve("check.c"), "#include \"tritium_isa.h\"\n"
        + "typedef char check_opcode[(TRITIUM_ISA_OP_GEMM_T == 3u) ? 1 : -1];\n");
    run(dir, "gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only", "check.c");
  }

  @Test
  void cExtractsTheFieldsJavaEncoded() throws Exception {
    GemmTernary g = new GemmTernary(new Deps(true, false, true, false), 0x7ff00, 0x1234, 0xabcd0, 3, 384, 2560,
        Packing.BASE3, true);
    byte[] b = InstructionCodec.encode(g);
    List<String> bytes = new ArrayList<>();
    for (byte x : b) {
      bytes.add(Integer.toString(x & 0xFF));
    }
    Files.writeString(dir.resolve("tritium_isa.h"), CHeaderGenerator.generate());
    Files.writeString(dir.resolve("main.c"), "#include <stdio.h>\n#include \"tritium_isa.h\"\n"
        + "#define F(name) (unsigned long long) tritium_isa_field(insn, name##_OFFSET, name##_WIDTH)\n"
        + "int main(void) {\n"
        + "  static const uint8_t insn[16] = {" + String.join(", ", bytes) + "};\n"
        + "  printf(\"%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\\n\", F(TRITIUM_ISA_OPCODE),"
        + " F(TRITIUM_ISA_POP_PREV), F(TRITIUM_ISA_PUSH_PREV), F(TRITIUM_ISA_GEMM_T_WGT_ADDR),"
        + " F(TRITIUM_ISA_GEMM_T_ACT_ADDR), F(TRITIUM_ISA_GEMM_T_ACC_ADDR), F(TRITIUM_ISA_GEMM_T_M),"
        + " F(TRITIUM_ISA_GEMM_T_N), F(TRITIUM_ISA_GEMM_T_K), F(TRITIUM_ISA_GEMM_T_PACKING),"
        + " F(TRITIUM_ISA_GEMM_T_ACCUMULATE));\n"
        + "  return F(TRITIUM_ISA_GEMM_T_PACKING) == TRITIUM_ISA_PACKING_BASE3 ? 0 : 1;\n}\n");
    run(dir, "gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o", "main", "main.c");
    String out = run(dir, dir.resolve("main").toString());
    assertEquals("3 1 1 524032 4660 703696 3 384 2560 1 1", out.strip());
  }
}
