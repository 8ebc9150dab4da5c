/** Tritium bench module; see bench/README.md for what it owns. */
package dev.tritium.bench;
