/**
 * JNA interfaces that mirror OS MIDI and audio C APIs exactly (C names, {@code int} flags, {@code Pointer}s), one
 * interface per library. No logic and no logging live here; {@code dev.continuo.bridge} wraps them in Java types.
 *
 * <p>The package is named {@code natives} because {@code native} is a Java keyword.
 */
package dev.continuo.natives;
