// The studio page: melody entry, settings, generation, piano rolls, playback and download.
import {buildKeyboard, KEY_SEMITONES} from './keyboard.js';
import {Melody} from './melody.js';
import {drawRoll, PART_COLOURS, pitchName} from './pianoroll.js';
import * as synth from './synth.js';

const $ = id => document.getElementById(id);
const melody = new Melody();
let presets = [];
let octave = 0;
let results = [];

/** What the page has done, for people debugging it and for the end-to-end tests: counts derived from the drawing. */
const state = window.studio = {ready: false, melodyDrawn: 0, results: [], timing: {}, error: null};

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
  state.error = error ? text : null;
}

/** Fetch that turns a refused or failed request into its one-line reason. */
async function call(path, options = {}) {
  const response = await fetch(path, options);
  if (!response.ok) {
    throw new Error((await response.text()).trim() || response.statusText);
  }
  return response;
}

function beatsPerBar() {
  return Number($('beats').value);
}

function melodyRoll() {
  const steps = melody.steps(beatsPerBar());
  const bar = beatsPerBar() * 4;
  const barStarts = [];
  for (let step = 0; step < steps; step += bar) {
    barStarts.push(step);
  }
  return {steps, stepsPerBeat: 4, bpm: Number($('bpm').value), barStarts, key: '', scale: [],
    parts: [{name: 'Melody', channel: 0, program: 0, notes: melody.notes}]};
}

function redrawMelody() {
  const roll = melodyRoll();
  state.melodyDrawn = drawRoll($('melody-roll'), roll, Number($('zoom').value))[0];
  const last = melody.notes[melody.notes.length - 1];
  $('melody-summary').textContent = melody.notes.length
    ? `${melody.notes.length} notes, ${roll.steps / (beatsPerBar() * 4)} bars; last ${pitchName(last[0])}` : '';
}

function press(semitone, velocity = 90) {
  const pitch = 60 + 12 * octave + semitone;
  if (pitch < 0 || pitch > 127) {
    return;
  }
  synth.preview(pitch);
  melody.add(pitch, Number($('note-length').value), velocity);
  redrawMelody();
}

const light = buildKeyboard($('keyboard'), semitone => press(semitone));

document.addEventListener('keydown', event => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat
      || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) && target.type !== 'range') {
    return;
  }
  const key = event.key.toLowerCase();
  if (key in KEY_SEMITONES) {
    light(KEY_SEMITONES[key]);
    press(KEY_SEMITONES[key]);
  } else if (key === ' ') {
    melody.rest(Number($('note-length').value));
    redrawMelody();
  } else if (key === 'backspace') {
    melody.undo();
    redrawMelody();
  } else if (key === 'z' || key === 'x') {
    octave = Math.max(-3, Math.min(3, octave + (key === 'z' ? -1 : 1)));
    status(`Keyboard octave ${octave >= 0 ? '+' : ''}${octave}`);
  } else {
    return;
  }
  event.preventDefault();
});

$('undo').onclick = () => { melody.undo(); redrawMelody(); };
$('clear').onclick = () => { melody.clear(); redrawMelody(); };
$('beats').onchange = redrawMelody;
$('play-melody').onclick = () => synth.play(melodyRoll());

$('open-midi').onchange = async () => {
  const file = $('open-midi').files[0];
  if (!file) {
    return;
  }
  try {
    const view = await (await call('/api/melody', {method: 'POST', body: await file.arrayBuffer(),
      headers: {'Content-Type': 'application/octet-stream'}})).json();
    melody.load(view.notes, view.steps);
    $('bpm').value = Math.round(view.bpm);
    $('beats').value = String([2, 3, 4].includes(view.beatsPerBar) ? view.beatsPerBar : 4);
    redrawMelody();
    status(`Opened ${file.name}: ${view.reason}`);
  } catch (e) {
    status(`${file.name}: ${e.message}`, true);
  }
  $('open-midi').value = '';
};

$('midi-in').onclick = async () => {
  if (!navigator.requestMIDIAccess) {
    status('This browser has no Web MIDI; use the computer keys or the on-screen keyboard', true);
    return;
  }
  try {
    const access = await navigator.requestMIDIAccess();
    const inputs = [...access.inputs.values()];
    for (const input of inputs) {
      input.onmidimessage = ({data}) => {
        if ((data[0] & 0xf0) === 0x90 && data[2] > 0) {
          press(data[1] - 60 - 12 * octave, data[2]);
        }
      };
    }
    status(inputs.length ? `Listening to ${inputs.map(i => i.name).join(', ')}` : 'No MIDI keyboard found', !inputs.length);
  } catch (e) {
    status(`Web MIDI refused: ${e.message}`, true);
  }
};

$('density-own').onchange = () => {
  $('density').disabled = !$('density-own').checked;
  $('density-value').textContent = $('density-own').checked ? $('density').value : "preset's";
};
$('density').oninput = () => { $('density-value').textContent = $('density').value; };
$('noise').oninput = () => { $('noise-value').textContent = $('noise').value; };
$('zoom').oninput = () => { redrawMelody(); drawResults(); };

function showMix() {
  const preset = presets.find(p => p.name === $('preset').value);
  const body = $('mix').tBodies[0];
  body.replaceChildren();
  preset.parts.forEach((part, index) => {
    const c = part.controls;
    const row = body.insertRow();
    row.innerHTML = `<td><span class="swatch" style="background:${PART_COLOURS[index + 1]}"></span></td>
      <td><input type="checkbox" class="mute" ${c.muted ? 'checked' : ''}></td>
      <td><input type="checkbox" class="solo" ${c.solo ? 'checked' : ''}></td>
      <td><input type="number" class="octave" min="-3" max="3" value="${c.octave}"></td>
      <td><input type="number" class="velocity" min="1" max="127" value="${c.velocity}"></td>`;
    row.cells[0].append(part.name); // a user preset's part names are text, never markup
  });
}

function mix() {
  return [...$('mix').tBodies[0].rows].map(row => ({
    muted: row.querySelector('.mute').checked, solo: row.querySelector('.solo').checked,
    octave: Number(row.querySelector('.octave').value), velocity: Number(row.querySelector('.velocity').value)}));
}

function request() {
  return {preset: $('preset').value, seed: Number($('seed').value),
    density: $('density-own').checked ? Number($('density').value) : null, noiseScale: Number($('noise').value),
    variations: Number($('variations').value), bpm: Number($('bpm').value), beatsPerBar: beatsPerBar(),
    steps: melody.steps(beatsPerBar()),
    notes: melody.notes.map(([pitch, start, length, velocity]) => ({pitch, start, length, velocity})),
    parts: mix()};
}

function drawResults() {
  state.results = results.map(result => ({id: result.id, seed: result.seed,
    drawn: drawRoll(result.canvas, result.roll, Number($('zoom').value))}));
}

function resultCard(result) {
  const card = document.createElement('div');
  card.className = 'result';
  card.innerHTML = `<h3>${result.preset}, seed ${result.seed} <small>(${result.roll.key})</small></h3>
    <canvas class="roll"></canvas>
    <div class="row"><button type="button" class="play">Play</button><button type="button" class="stop">Stop</button>
    <a class="download" href="/api/results/${result.id}/midi" download="continuo-${result.preset}-seed${result.seed}.mid">
    Download .mid</a></div>`;
  card.querySelector('.play').onclick = () => { state.playback = synth.play(result.roll); };
  card.querySelector('.stop').onclick = () => synth.stop();
  result.canvas = card.querySelector('canvas');
  return card;
}

$('generate').onclick = async () => {
  if (!melody.notes.length) {
    status('Play or open a melody first', true);
    return;
  }
  $('generate').disabled = true;
  status('Generating…');
  const sent = performance.now();
  try {
    const answer = await (await call('/api/generate', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(request())})).json();
    const received = performance.now();
    results = answer.results;
    $('results').replaceChildren(...results.map(resultCard));
    drawResults();
    const drawn = performance.now();
    state.timing = {serverMillis: answer.millis, roundTripMillis: received - sent, drawMillis: drawn - received};
    status(`Generated ${results.length} in ${answer.millis} ms, drawn in ${Math.round(drawn - received)} ms`);
  } catch (e) {
    status(e.message, true);
  } finally {
    $('generate').disabled = false;
  }
};

async function start() {
  try {
    presets = await (await call('/api/presets')).json();
    $('preset').replaceChildren(...presets.map(p => new Option(`${p.name}${p.bundled ? '' : ' (yours)'}`, p.name)));
    $('preset').onchange = showMix;
    showMix();
    redrawMelody();
    status('Ready: play a melody');
    state.ready = true;
    state.readyMillis = performance.now();
  } catch (e) {
    status(e.message, true);
  }
}

start();
