/**
 * The contract between a backend's real-time cycle and what it drives ({@link dev.continuo.bridge.cycle.RealTimeHandler},
 * {@link dev.continuo.bridge.cycle.MidiOutput}, {@link dev.continuo.bridge.cycle.TransportSnapshot}) and the lock-free
 * pieces both sides share. Below both {@code backend} and {@code realtime}; imports neither.
 */
package dev.continuo.bridge.cycle;
