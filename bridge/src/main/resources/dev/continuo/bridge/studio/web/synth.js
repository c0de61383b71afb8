// Plays parts through WebAudio: one oscillator voice per note, its timbre picked from the General MIDI program's
// family, in the roll's tempo. No samples and no server round trip, so it starts at once and works offline.

let context = null;
let playing = [];

function audio() {
  if (!context) {
    context = new AudioContext();
  }
  if (context.state === 'suspended') {
    context.resume();
  }
  return context;
}

/** Oscillator type, attack and decay (seconds) for a GM program. */
function voice(program) {
  const family = Math.floor(program / 8);
  switch (family) {
    case 2: return {type: 'square', attack: 0.02, sustain: 0.5, gain: 0.35};   // organs
    case 3: return {type: 'sawtooth', attack: 0.005, sustain: 0.15, gain: 0.3}; // guitars
    case 4: return {type: 'triangle', attack: 0.01, sustain: 0.7, gain: 0.9};   // basses
    case 5: case 6: return {type: 'sawtooth', attack: 0.08, sustain: 0.8, gain: 0.25}; // strings, ensembles
    default: return {type: 'triangle', attack: 0.005, sustain: 0.3, gain: 0.7}; // pianos and the rest
  }
}

function frequency(pitch) {
  return 440 * Math.pow(2, (pitch - 69) / 12);
}

function scheduleNote(ctx, out, program, pitch, when, seconds, velocity) {
  const v = voice(program);
  const osc = ctx.createOscillator();
  const env = ctx.createGain();
  osc.type = v.type;
  osc.frequency.value = frequency(pitch);
  const peak = 0.12 * v.gain * velocity / 127;
  env.gain.setValueAtTime(0, when);
  env.gain.linearRampToValueAtTime(peak, when + v.attack);
  env.gain.exponentialRampToValueAtTime(Math.max(peak * v.sustain, 1e-4), when + Math.max(v.attack, seconds * 0.8));
  env.gain.linearRampToValueAtTime(0, when + seconds + 0.05);
  osc.connect(env).connect(out);
  osc.start(when);
  osc.stop(when + seconds + 0.1);
  return osc;
}

/** Stops whatever plays. */
export function stop() {
  for (const osc of playing) {
    try { osc.stop(); } catch (e) { /* already ended */ }
  }
  playing = [];
}

/**
 * Plays the roll's parts (`audible[i]` false leaves part i out) from the start; returns the number of notes
 * scheduled and the length in seconds.
 */
export function play(roll, audible) {
  stop();
  const ctx = audio();
  const out = ctx.createDynamicsCompressor();
  out.connect(ctx.destination);
  const secondsPerStep = 60 / roll.bpm / roll.stepsPerBeat;
  const t0 = ctx.currentTime + 0.1;
  roll.parts.forEach((part, index) => {
    if (audible && !audible[index]) {
      return;
    }
    for (const [pitch, start, length, velocity] of part.notes) {
      playing.push(scheduleNote(ctx, out, part.program, pitch, t0 + start * secondsPerStep,
          length * secondsPerStep, velocity));
    }
  });
  return {notes: playing.length, seconds: roll.steps * secondsPerStep};
}

/** One short note, as a key is pressed. */
export function preview(pitch, program = 0) {
  const ctx = audio();
  scheduleNote(ctx, ctx.destination, program, pitch, ctx.currentTime, 0.3, 90);
}
