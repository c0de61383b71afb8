// The melody being entered, step by step on the sixteenth grid: each key press adds a note of the chosen length at
// the cursor, a rest moves the cursor, undo takes back the last of either.

export class Melody {
  constructor() {
    this.clear();
  }

  clear() {
    this.notes = [];
    this.cursor = 0;
    this.history = [];
  }

  /** Adds a note of `length` sixteenths at the cursor. */
  add(pitch, length, velocity = 90) {
    this.notes.push([pitch, this.cursor, length, velocity]);
    this.history.push(length);
    this.cursor += length;
  }

  rest(length) {
    this.history.push(-length);
    this.cursor += length;
  }

  undo() {
    const last = this.history.pop();
    if (last === undefined) {
      return;
    }
    if (last > 0) {
      this.notes.pop();
    }
    this.cursor -= Math.abs(last);
  }

  /** Replaces the melody with an opened file's (notes as [pitch, start, length, velocity]). */
  load(notes, steps) {
    this.notes = notes.map(n => [...n]);
    this.cursor = steps;
    this.history = [];
  }

  /** Whole bars covering the cursor, at least one. */
  steps(beatsPerBar) {
    const bar = beatsPerBar * 4;
    return Math.max(1, Math.ceil(this.cursor / bar)) * bar;
  }
}
