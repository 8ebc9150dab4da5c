/** Tritium traces module; see traces/README.md for what it owns. */
package dev.tritium.traces;
