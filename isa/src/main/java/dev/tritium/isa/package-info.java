/** Tritium isa module; see isa/README.md for what it owns. */
package dev.tritium.isa;
