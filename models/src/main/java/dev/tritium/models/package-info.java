/** Tritium models module; see models/README.md for what it owns. */
package dev.tritium.models;
