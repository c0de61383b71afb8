// Draws a piano roll on a canvas: rows of pitches (the key's scale shaded), bar and beat lines, one colour per part.

/** The melody's colour, then one per generated part. */
export const PART_COLOURS = ['#2b2d42', '#e4572e', '#17a398', '#e0a100', '#6a4c93'];

const GUTTER = 34;
const NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

/**
 * Draws `roll` ({steps, stepsPerBeat, barStarts, key, scale, parts: [{notes: [[pitch, start, length, velocity]]}]})
 * at `pxPerStep` pixels per step. `hidden` holds the indexes of parts not to draw. Returns, per part, how many notes
 * were drawn: the count the tests and the page's summary read, derived from what was painted.
 */
export function drawRoll(canvas, roll, pxPerStep, hidden = new Set()) {
  const notes = roll.parts.flatMap(part => part.notes);
  const pitches = notes.map(n => n[0]);
  const low = pitches.length ? Math.min(...pitches) - 2 : 57;
  const high = pitches.length ? Math.max(...pitches) + 2 : 74;
  const rows = high - low + 1;
  const rowPx = Math.max(3, Math.min(10, Math.floor(240 / rows)));
  canvas.width = GUTTER + Math.max(1, roll.steps) * pxPerStep;
  canvas.height = rows * rowPx;
  const g = canvas.getContext('2d');
  const y = pitch => (high - pitch) * rowPx;
  const scale = new Set(roll.scale || []);

  g.fillStyle = '#fcfcfc';
  g.fillRect(0, 0, canvas.width, canvas.height);
  for (let pitch = low; pitch <= high; pitch++) {
    if (scale.size && !scale.has(pitch % 12)) {
      g.fillStyle = '#eeeeee';
      g.fillRect(GUTTER, y(pitch), canvas.width - GUTTER, rowPx);
    }
    if (pitch % 12 === 0) {
      g.fillStyle = '#666';
      g.font = `${Math.min(11, rowPx + 4)}px sans-serif`;
      g.fillText('C' + (pitch / 12 - 1), 2, y(pitch) + rowPx);
    }
  }
  const beat = roll.stepsPerBeat;
  for (let step = 0; step <= roll.steps; step += beat) {
    g.fillStyle = '#e2e2e2';
    g.fillRect(GUTTER + step * pxPerStep, 0, 1, canvas.height);
  }
  for (const bar of roll.barStarts) {
    g.fillStyle = '#9a9a9a';
    g.fillRect(GUTTER + bar * pxPerStep, 0, 1, canvas.height);
  }

  const drawn = roll.parts.map(() => 0);
  roll.parts.forEach((part, index) => {
    if (hidden.has(index)) {
      return;
    }
    g.fillStyle = PART_COLOURS[index % PART_COLOURS.length];
    for (const [pitch, start, length] of part.notes) {
      if (pitch < low || pitch > high || start >= roll.steps) {
        continue;
      }
      g.fillRect(GUTTER + start * pxPerStep + 1, y(pitch) + 1, Math.max(2, length * pxPerStep - 2),
          Math.max(2, rowPx - 2));
      drawn[index]++;
    }
  });
  if (roll.key) {
    g.font = 'bold 12px sans-serif';
    const label = roll.key;
    g.fillStyle = '#ffffffcc';
    g.fillRect(GUTTER + 2, 1, g.measureText(label).width + 8, 16);
    g.fillStyle = '#333';
    g.fillText(label, GUTTER + 6, 13);
  }
  return drawn;
}

/** "C4" for MIDI pitch 60. */
export function pitchName(pitch) {
  return NAMES[pitch % 12] + (Math.floor(pitch / 12) - 1);
}
