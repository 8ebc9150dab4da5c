package dev.tritium.fpga.accel;

/** Host-side C for simulation: the driver (main) and the DRAM image comparison. Kept as C text so that the generated file reads as written. */
final class HostSources {

  private HostSources() {}

  /** Reads program.bin and dram_in.bin, runs accel_top, writes dram_out.bin and the counters. */
  static final String DRIVER = """
/* driver.c: host runtime for C simulation. Loads a program binary and a DRAM image, runs the accelerator,
 * writes the final DRAM image and the per-module instruction counters.
 * Usage: accel_sim PROGRAM.bin DRAM_IN.bin DRAM_OUT.bin [COUNTERS.txt [STEP_BUDGET]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "accel.h"
#include "tritium_isa.h"

#define EXIT_BAD_INPUT 2

static uint8_t *read_file(const char *path, uint64_t *size)
{
  FILE *f = fopen(path, "rb");
  uint8_t *buf;
  long n;
  if (f == NULL) {
    fprintf(stderr, "%s: cannot open for reading\\n", path);
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "%s: cannot determine the size\\n", path);
    fclose(f);
    return NULL;
  }
  buf = (uint8_t *) malloc(n > 0 ? (size_t) n : 1u);
  if (buf == NULL || (n > 0 && fread(buf, 1, (size_t) n, f) != (size_t) n)) {
    fprintf(stderr, "%s: cannot read %ld bytes\\n", path, n);
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  *size = (uint64_t) n;
  return buf;
}

static uint32_t le32(const uint8_t *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

int main(int argc, char **argv)
{
  uint64_t prog_size = 0u;
  uint64_t dram_size = 0u;
  uint8_t *prog;
  uint8_t *dram;
  uint32_t count;
  unsigned long long budget = 100000000ull;
  accel_counters_t c;
  FILE *out;
  int rc;
  if (argc < 4 || argc > 6) {
    fprintf(stderr, "usage: %s PROGRAM.bin DRAM_IN.bin DRAM_OUT.bin [COUNTERS.txt [STEP_BUDGET]]\\n", argv[0]);
    return EXIT_BAD_INPUT;
  }
  if (argc == 6) {
    char *end;
    budget = strtoull(argv[5], &end, 10);
    if (*end != '\\0' || budget == 0u) {
      fprintf(stderr, "STEP_BUDGET '%s': expected a positive integer\\n", argv[5]);
      return EXIT_BAD_INPUT;
    }
  }
  prog = read_file(argv[1], &prog_size);
  if (prog == NULL) {
    return EXIT_BAD_INPUT;
  }
  if (prog_size < TRITIUM_ISA_FILE_HEADER_BYTES || memcmp(prog, "TRITISA", 8) != 0) {
    fprintf(stderr, "%s: not a Tritium ISA binary (magic \\"TRITISA\\\\0\\" expected in the first 8 bytes)\\n", argv[1]);
    return EXIT_BAD_INPUT;
  }
  if (le32(prog + 8) != TRITIUM_ISA_FORMAT_VERSION) {
    fprintf(stderr, "%s: format version %u, expected %u\\n", argv[1], (unsigned) le32(prog + 8),
        (unsigned) TRITIUM_ISA_FORMAT_VERSION);
    return EXIT_BAD_INPUT;
  }
  if (le32(prog + 12) != ACCEL_CONFIG_TAG) {
    fprintf(stderr, "%s: config tag 0x%08x, expected 0x%08x (the program was built for another arch than %s)\\n",
        argv[1], (unsigned) le32(prog + 12), (unsigned) ACCEL_CONFIG_TAG, ACCEL_ARCH_NAME);
    return EXIT_BAD_INPUT;
  }
  count = le32(prog + 16);
  if (prog_size != TRITIUM_ISA_FILE_HEADER_BYTES + 16u * (uint64_t) count) {
    fprintf(stderr, "%s: header declares %u instructions (%llu bytes), file holds %llu bytes\\n", argv[1],
        (unsigned) count, (unsigned long long) (TRITIUM_ISA_FILE_HEADER_BYTES + 16u * (uint64_t) count),
        (unsigned long long) prog_size);
    return EXIT_BAD_INPUT;
  }
  dram = read_file(argv[2], &dram_size);
  if (dram == NULL) {
    return EXIT_BAD_INPUT;
  }
  rc = accel_top(count, prog + TRITIUM_ISA_FILE_HEADER_BYTES, dram, dram_size, budget, &c);
  printf("counters: fetched %llu, dispatched %llu, load %llu, compute %llu, store %llu, steps %llu\\n",
      (unsigned long long) c.fetched, (unsigned long long) c.dispatched, (unsigned long long) c.load,
      (unsigned long long) c.compute, (unsigned long long) c.store, (unsigned long long) c.steps);
  if (argc >= 5) {
    FILE *cf = fopen(argv[4], "w");
    if (cf == NULL) {
      fprintf(stderr, "%s: cannot open for writing\\n", argv[4]);
      return EXIT_BAD_INPUT;
    }
    fprintf(cf, "fetched_instructions %llu\\ndispatched_instructions %llu\\nload_instructions %llu\\n"
        "compute_instructions %llu\\nstore_instructions %llu\\nscheduler_steps %llu\\n",
        (unsigned long long) c.fetched, (unsigned long long) c.dispatched, (unsigned long long) c.load,
        (unsigned long long) c.compute, (unsigned long long) c.store, (unsigned long long) c.steps);
    fclose(cf);
  }
  if (rc != ACCEL_OK) {
    fprintf(stderr, "FAIL: %s\\n", accel_message());
    return rc;
  }
  out = fopen(argv[3], "wb");
  if (out == NULL || fwrite(dram, 1, (size_t) dram_size, out) != (size_t) dram_size || fclose(out) != 0) {
    fprintf(stderr, "%s: cannot write %llu bytes\\n", argv[3], (unsigned long long) dram_size);
    return EXIT_BAD_INPUT;
  }
  printf("accelerator finished: %u instructions, %llu-byte DRAM image written to %s\\n", (unsigned) count,
      (unsigned long long) dram_size, argv[3]);
  free(prog);
  free(dram);
  return 0;
}
""";

  /** Byte-for-byte comparison with the golden image; first mismatching offset on failure. */
  static final String COMPARE = """
/* compare.c: byte-for-byte comparison of the final DRAM image with the Java simulator's golden image. */
#include <stdio.h>

int main(int argc, char **argv)
{
  FILE *a;
  FILE *b;
  unsigned long long offset = 0u;
  unsigned long long differ = 0u;
  unsigned long long first = 0u;
  int ca = 0;
  int cb = 0;
  int first_a = 0;
  int first_b = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: %s ACTUAL.bin GOLDEN.bin\\n", argv[0]);
    return 2;
  }
  a = fopen(argv[1], "rb");
  b = fopen(argv[2], "rb");
  if (a == NULL || b == NULL) {
    fprintf(stderr, "%s: cannot open for reading\\n", a == NULL ? argv[1] : argv[2]);
    return 2;
  }
  for (;;) {
    ca = getc(a);
    cb = getc(b);
    if (ca == EOF || cb == EOF) {
      break;
    }
    if (ca != cb) {
      if (differ == 0u) {
        first = offset;
        first_a = ca;
        first_b = cb;
      }
      differ++;
    }
    offset++;
  }
  if (ca != cb) {
    printf("FAIL: sizes differ: %s ends %s %s at byte %llu\\n", argv[1], ca == EOF ? "before" : "after", argv[2], offset);
    return 1;
  }
  if (differ != 0u) {
    printf("FAIL: %llu of %llu bytes differ; first mismatch at byte offset %llu (0x%llx): got 0x%02x, expected 0x%02x\\n",
        differ, offset, first, first, (unsigned) first_a, (unsigned) first_b);
    return 1;
  }
  printf("PASS: %llu bytes of DRAM identical to the Java simulator's\\n", offset);
  return 0;
}
""";
}
