/** Tritium dse module; see dse/README.md for what it owns. */
package dev.tritium.dse;
