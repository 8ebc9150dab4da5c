package dev.tritium.fpga.hls;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes tb.c: reads every input and golden file from the data directory (argv[1], default "data"),
 * calls the top function once, compares every output element, prints one line per output and a
 * PASS/FAIL summary with counts, and exits non-zero on any mismatch, invalid weight code or unreadable
 * file.
 */
final class TestbenchEmitter {

  private final LayerDesign design;
  private final String banner;

  TestbenchEmitter(LayerDesign design, String banner) {
    this.design = design;
    this.banner = banner;
  }

  String source() {
    List<Port> ports = design.ports();
    boolean ulps = ports.stream().anyMatch(p -> p.comparison() instanceof Comparison.WithinUlps);
    CCode c = new CCode();
    c.line("/* tb.c: " + banner + " */");
    c.line("#include <stdio.h>");
    c.line("#include <stdlib.h>");
    c.line("#include <string.h>");
    c.line("#include \"kernel.h\"").line("");
    c.line("static const char *data_dir = \"data\";");
    c.line("static long values_checked;");
    c.line("static long values_unchecked;");
    c.line("static long mismatches_total;");
    c.line("static int file_errors;");
    for (Port p : ports) {
      if (p.comparison() instanceof Comparison.WithinUlps) {
        c.linef("static int exact_%s = 1; /* cleared when %s differs from golden by any ulp */", p.name(), p.name());
      }
    }
    c.line("");
    readFile(c);
    describe(c);
    compareExact(c);
    if (ulps) {
      compareUlps(c);
    }
    c.open("int main(int argc, char **argv)");
    c.line("const uint16_t probe = 1u;");
    c.open("if (*(const uint8_t *) &probe != 1u)");
    c.line("printf(\"FAIL: the golden files are little-endian; this host is not\\n\");");
    c.line("return 2;");
    c.close();
    c.open("if (argc > 1)").line("data_dir = argv[1];").close();
    for (Port p : ports) {
      c.linef("static %s %s[%s];", p.type().c(), p.name(), p.sizeMacro());
      c.linef("read_file(\"%s\", %s, sizeof %s);", p.fileName(), p.name(), p.name());
      if (p.direction() == Port.Direction.OUT_ARRAY) {
        c.linef("static %s %s_golden[%s];", p.type().c(), p.name(), p.sizeMacro());
        c.linef("read_file(\"%s\", %s_golden, sizeof %s_golden);", p.fileName(), p.name(), p.name());
        c.linef("memset(%s, 0xA5, sizeof %s); /* poison: an output the kernel never writes cannot pass */", p.name(),
            p.name());
      }
    }
    c.open("if (file_errors > 0)");
    c.line("printf(\"FAIL: %d data file(s) missing or of the wrong size\\n\", file_errors);");
    c.line("return 1;");
    c.close();
    List<String> args = new ArrayList<>();
    for (Port p : ports) {
      args.add(p.direction() == Port.Direction.IN_SCALAR ? p.name() + "[0]" : p.name());
    }
    c.linef("const int32_t invalid = %s(%s);", design.topName(), String.join(", ", args));
    for (Port p : ports) {
      if (p.direction() != Port.Direction.OUT_ARRAY) {
        continue;
      }
      String call = String.format("(\"%1$s\", '%2$s', %1$s, %1$s_golden, %3$d, sizeof %1$s[0])", p.name(), typeCode(p.type()),
          p.count());
      Comparison cmp = p.comparison();
      if (cmp instanceof Comparison.WithinUlps u) {
        c.linef("const long mis_%1$s = compare_ulps(\"%1$s\", %1$s, %1$s_golden, %2$d, %3$d, &exact_%1$s);", p.name(),
            p.count(), u.maxUlps());
      } else if (cmp instanceof Comparison.ExactIfUpstreamExact d) {
        c.linef("long mis_%s = 0;", p.name());
        c.openf("if (exact_%s)", d.upstream()).linef("mis_%s = compare_exact%s;", p.name(), call).close();
        c.open("else");
        c.linef("printf(\"  %%-10s %%6d values UNCHECKED (%s differs within its ulp bound)\\n\", \"%s\", %d);",
            d.upstream(), p.name(), p.count());
        c.linef("values_unchecked += %d;", p.count());
        c.close();
      } else {
        c.linef("const long mis_%s = compare_exact%s;", p.name(), call);
      }
      c.linef("(void) mis_%s;", p.name());
    }
    c.open("if (invalid != 0)");
    c.line("printf(\"  kernel met %ld invalid packed weight code(s)\\n\", (long) invalid);");
    c.close();
    c.open("if (mismatches_total == 0 && invalid == 0)");
    c.linef("printf(\"PASS: %%ld values compared, 0 mismatches, %%ld unchecked (%s)\\n\", values_checked, values_unchecked);",
        design.topName());
    c.line("return 0;");
    c.close();
    c.linef("printf(\"FAIL: %%ld mismatches of %%ld values compared, %%ld invalid weight codes (%s)\\n\", "
        + "mismatches_total, values_checked, (long) invalid);", design.topName());
    c.line("return 1;");
    c.close();
    return c.toString();
  }

  private static char typeCode(CType t) {
    return switch (t) {
      case FLOAT32 -> 'f';
      case INT8 -> 'b';
      case UINT8 -> 'B';
      case INT32 -> 'i';
    };
  }

  private static void readFile(CCode c) {
    c.open("static void read_file(const char *name, void *dst, size_t bytes)");
    c.line("char path[1024];");
    c.line("snprintf(path, sizeof path, \"%s/%s\", data_dir, name);");
    c.line("FILE *fp = fopen(path, \"rb\");");
    c.open("if (fp == NULL)");
    c.line("printf(\"  cannot open %s\\n\", path);");
    c.line("file_errors++;");
    c.line("return;");
    c.close();
    c.line("const size_t got = fread(dst, 1, bytes, fp);");
    c.line("const int extra = fgetc(fp) != EOF;");
    c.line("fclose(fp);");
    c.open("if (got != bytes || extra)");
    c.line("printf(\"  %s: expected %lu bytes\\n\", path, (unsigned long) bytes);");
    c.line("file_errors++;");
    c.close();
    c.close().line("");
  }

  private static void describe(CCode c) {
    c.comment("Prints element i of an array of type f (float), b (int8), B (uint8) or i (int32).");
    c.open("static void print_value(char type, const void *base, long i)");
    c.open("switch (type)");
    c.line("case 'f': { float v; memcpy(&v, (const char *) base + 4 * i, 4); uint32_t bits; memcpy(&bits, &v, 4);");
    c.line("  printf(\"%.9g (0x%08lx)\", (double) v, (unsigned long) bits); break; }");
    c.line("case 'b': printf(\"%d\", (int) ((const int8_t *) base)[i]); break;");
    c.line("case 'B': printf(\"%u\", (unsigned) ((const uint8_t *) base)[i]); break;");
    c.line("default: printf(\"%ld\", (long) ((const int32_t *) base)[i]); break;");
    c.close();
    c.close().line("");
  }

  private static void compareExact(CCode c) {
    c.comment("Bit-for-bit comparison; prints the first mismatches.");
    c.open("static long compare_exact(const char *name, char type, const void *got, const void *want, long n, size_t size)");
    c.line("long bad = 0;");
    c.open("for (long i = 0; i < n; i++)");
    c.open("if (memcmp((const char *) got + i * (long) size, (const char *) want + i * (long) size, size) != 0)");
    c.open("if (bad < 5)");
    c.line("printf(\"  %s[%ld]: got \", name, i);");
    c.line("print_value(type, got, i);");
    c.line("printf(\", expected \");");
    c.line("print_value(type, want, i);");
    c.line("printf(\"\\n\");");
    c.close();
    c.line("bad++;");
    c.close();
    c.close();
    c.line("printf(\"  %-10s %6ld values, %ld mismatches (exact)\\n\", name, n, bad);");
    c.line("values_checked += n;");
    c.line("mismatches_total += bad;");
    c.line("return bad;");
    c.close().line("");
  }

  private static void compareUlps(CCode c) {
    c.comment("Distance in units in the last place between two floats of the same sign convention.");
    c.open("static long long ulp_distance(float a, float b)");
    c.line("int32_t ia, ib;");
    c.line("memcpy(&ia, &a, 4);");
    c.line("memcpy(&ib, &b, 4);");
    c.line("const long long oa = ia < 0 ? (long long) INT32_MIN - ia : ia;");
    c.line("const long long ob = ib < 0 ? (long long) INT32_MIN - ib : ib;");
    c.line("return oa > ob ? oa - ob : ob - oa;");
    c.close().line("");
    c.comment("Comparison within max_ulps; clears exact_NAME when any value differs at all.");
    c.open("static long compare_ulps(const char *name, const float *got, const float *want, long n, long max_ulps, "
        + "int *exact)");
    c.line("long bad = 0, inexact = 0;");
    c.line("long long worst = 0;");
    c.open("for (long i = 0; i < n; i++)");
    c.line("const long long d = ulp_distance(got[i], want[i]);");
    c.line("if (d > worst) worst = d;");
    c.line("if (d != 0) inexact++;");
    c.open("if (d > max_ulps)");
    c.line("if (bad < 5) printf(\"  %s[%ld]: got %.9g, expected %.9g (%lld ulps)\\n\", name, i, (double) got[i], "
        + "(double) want[i], d);");
    c.line("bad++;");
    c.close();
    c.close();
    c.line("printf(\"  %-10s %6ld values, %ld mismatches (within %ld ulps; %ld inexact, worst %lld)\\n\", name, n, bad, "
        + "max_ulps, inexact, worst);");
    c.line("values_checked += n;");
    c.line("mismatches_total += bad;");
    c.line("if (inexact != 0) *exact = 0;");
    c.line("return bad;");
    c.close().line("");
  }
}
