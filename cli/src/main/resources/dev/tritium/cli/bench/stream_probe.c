/*
 * STREAM-style read-bandwidth probe for `tritium bench reference` (built with gcc -O3 -march=native -fopenmp).
 * Usage: stream_probe BYTES RUNS. Fills an int64 array of BYTES bytes, then times RUNS+1 parallel sums over it
 * (the first is a warm-up) and prints one line per timed run: "run <i> <GB/s>", GB = 1e9 bytes. The integer sum
 * vectorises without reassociation flags, so the loop is bound by memory, not by add latency.
 */
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s BYTES RUNS\n", argv[0]);
    return 2;
  }
  size_t n = (size_t) strtoull(argv[1], NULL, 10) / sizeof(int64_t);
  int runs = atoi(argv[2]);
  int64_t *a = aligned_alloc(64, (n * sizeof(int64_t) + 63) / 64 * 64);
  if (a == NULL || n == 0 || runs < 1) {
    fprintf(stderr, "stream_probe: cannot allocate %zu elements or no runs\n", n);
    return 2;
  }
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; i++) {
    a[i] = (int64_t) i;
  }
  int64_t expected = (int64_t) (n - 1) * (int64_t) n / 2;
  for (int r = -1; r < runs; r++) {
    double t0 = omp_get_wtime();
    int64_t s = 0;
#pragma omp parallel for schedule(static) reduction(+ : s)
    for (size_t i = 0; i < n; i++) {
      s += a[i];
    }
    double t = omp_get_wtime() - t0;
    if (s != expected) {
      fprintf(stderr, "stream_probe: wrong sum %lld\n", (long long) s);
      return 1;
    }
    if (r >= 0) {
      printf("run %d %.4f\n", r, (double) (n * sizeof(int64_t)) / t / 1e9);
    }
  }
  free(a);
  return 0;
}
