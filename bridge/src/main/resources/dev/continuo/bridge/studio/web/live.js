// The live page: the running engine as its control protocol reports it, pushed over a WebSocket when it changes —
// its status, and each captured phrase with its accompaniment as it arrives; preset switch, mix and panic are the
// same commands as `continuo ctl`.
import {drawRoll, PART_COLOURS} from './pianoroll.js';

const $ = id => document.getElementById(id);
const PX_PER_STEP = 8;
const KEPT_PHRASES = 8;
const OCTAVES = [-2, -1, 0, 1, 2];
/**
 * What the page shows, for the end-to-end tests: `phrases` maps each phrase's place in the song to the notes drawn
 * per part (melody first) and its sequence number; `mixShownMillis` is how long the last mix change took from the
 * click to the engine's status showing it.
 */
const state = window.live = {connected: false, updates: 0, status: null, session: null, error: null, phrases: {},
  mixShownMillis: null};
let pendingMix = null;

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
  state.error = error ? text : null;
}

async function post(path, body) {
  const response = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)});
  if (!response.ok) {
    throw new Error((await response.text()).trim() || response.statusText);
  }
  return response.json();
}

const fixed = (value, digits) => typeof value === 'number' ? value.toFixed(digits) : '–';
const percent = value => typeof value === 'number' ? (100 * value).toFixed(1) + ' %' : '–';

function show(snapshot) {
  const wasConnected = state.connected;
  state.updates++;
  state.connected = snapshot.connected;
  state.status = snapshot.status || null;
  $('where').textContent = snapshot.where;
  showSessions(snapshot.sessions || [], snapshot.session);
  if (!snapshot.connected || snapshot.reason) {
    status(snapshot.reason, true);
    if (!snapshot.connected) {
      return;
    }
  } else if (!wasConnected) {
    status('Connected'); // only when that changes, so that what an action said stays shown
  }
  const s = snapshot.status || {};
  $('session').textContent = `${s.session ?? '–'} ${s.name ?? ''}`;
  $('state').textContent = s.state ?? '–';
  $('ports').textContent = s.ports ?? '–';
  $('clock').textContent = s.clock ?? '–';
  $('rolling').textContent = s.rolling ? 'rolling' : 'stopped';
  $('tempo').textContent = s.beatsPerMinute ? fixed(s.beatsPerMinute, 1) + ' bpm' : '–';
  $('bar-beat').textContent = s.barBeat ?? '–';
  $('current-preset').textContent = s.preset ?? '–';
  $('phrases').textContent = s.phrasesAccompanied ?? '–';
  $('load').textContent = `${percent(s.cycleLoadAverage)} / ${percent(s.cycleLoadWorst)}`;
  $('xruns').textContent = s.xruns ?? '–';
  $('notes-in').textContent = s.notesIn ?? '–';
  $('dropped').textContent = s.droppedInputBytes ?? '–';
  $('ready').textContent = typeof s.readyMillisP50 === 'number' ? fixed(s.readyMillisP50, 0) + ' ms' : '–';
  $('error').textContent = s.lastError ?? '–';
  showMix(s.mix || []);
}

/** The engine's sessions (serve's own, plug-in instances); choosing one shows it and addresses preset and mix. */
function showSessions(sessions, shown) {
  const select = $('sessions');
  const labels = sessions.map(s => `${s.id} ${s.name} (${s.kind}, ${s.state.toLowerCase()})`);
  if ([...select.options].map(o => o.text).join('\n') !== labels.join('\n')) {
    select.replaceChildren(...sessions.map((s, index) => new Option(labels[index], s.id)));
  }
  if (shown !== state.session) {
    state.session = shown;
    $('phrases-list').replaceChildren(); // another session's phrases are numbered on their own
    state.phrases = {};
  }
  if (shown && select !== document.activeElement) {
    select.value = shown;
  }
}

$('sessions').onchange = async () => {
  try {
    await post('/api/live/session', {id: $('sessions').value});
  } catch (e) {
    status(e.message, true);
  }
};

/** One row per part; the controls follow the engine (a CC or `ctl mix` turns them too), unless being used. */
function showMix(parts) {
  const body = $('mix').tBodies[0];
  if (body.rows.length !== parts.length) {
    body.replaceChildren(...parts.map((part, index) => mixRow(index)));
  }
  parts.forEach((part, index) => {
    const row = body.rows[index];
    row.querySelector('.name').textContent = part.name; // a user preset's part names are text, never markup
    row.classList.toggle('silent', !part.audible);
    for (const [name, value] of [['mute', part.muted], ['solo', part.solo]]) {
      const box = row.querySelector('.' + name);
      if (box !== document.activeElement) {
        box.checked = value;
      }
    }
    for (const [name, value] of [['octave', part.octave], ['velocity', part.velocity]]) {
      const input = row.querySelector('.' + name);
      if (input !== document.activeElement) {
        input.value = String(value);
      }
    }
  });
  if (pendingMix && pendingMix.shown(parts[pendingMix.part - 1])) {
    state.mixShownMillis = performance.now() - pendingMix.at;
    pendingMix = null;
  }
}

function mixRow(index) {
  const row = document.createElement('tr');
  row.innerHTML = `<td><span class="swatch" style="background:${PART_COLOURS[index + 1]}"></span>
      <span class="name"></span></td>
    <td><input type="checkbox" class="mute"></td>
    <td><input type="checkbox" class="solo"></td>
    <td><select class="octave">${OCTAVES.map(o => `<option value="${o}">${o > 0 ? '+' : ''}${o}</option>`)
      .join('')}</select></td>
    <td><input type="number" class="velocity" min="1" max="127"></td>`;
  const part = index + 1;
  const send = (control, value, shown) => changeMix(part, control, value, shown);
  row.querySelector('.mute').onchange = e => send('mute', e.target.checked ? 'on' : 'off',
      p => p.muted === e.target.checked);
  row.querySelector('.solo').onchange = e => send('solo', e.target.checked ? 'on' : 'off',
      p => p.solo === e.target.checked);
  row.querySelector('.octave').onchange = e => send('octave', e.target.value,
      p => p.octave === Number(e.target.value));
  row.querySelector('.velocity').onchange = e => send('velocity', e.target.value,
      p => p.velocity === Number(e.target.value));
  return row;
}

async function changeMix(part, control, value, shown) {
  pendingMix = {part, at: performance.now(), shown};
  try {
    await post('/api/live/mix', {part, control, value});
    status(`Part ${part} ${control} ${value} from the next phrase start`);
  } catch (e) {
    pendingMix = null;
    status(e.message, true);
  }
}

/** A phrase's melody and parts as the piano roll draws them: bar lines every bar of the session's phrases. */
function phraseRoll(phrase) {
  const stepsPerBar = phrase.steps / Math.max(1, phrase.bars);
  const barStarts = [];
  for (let step = 0; step < phrase.steps; step += stepsPerBar) {
    barStarts.push(step);
  }
  return {steps: phrase.steps, stepsPerBeat: 4, barStarts, parts: phrase.parts};
}

/** Draws each new accompaniment; a phrase heard or re-voiced again replaces its card, which moves to the top. */
function showPhrases(message) {
  const list = $('phrases-list');
  if (message.restarted) {
    list.replaceChildren();
    state.phrases = {};
  }
  for (const phrase of message.phrases) {
    const id = `phrase-${phrase.bookIndex}`;
    document.getElementById(id)?.remove();
    const card = document.createElement('div');
    card.className = 'result';
    card.id = id;
    const first = phrase.bookIndex * phrase.bars + 1;
    const heading = document.createElement('h3');
    heading.textContent = `Bars ${first}–${first + phrase.bars - 1} (phrase ${phrase.phrase + 1} of the song)`;
    const canvas = document.createElement('canvas');
    canvas.className = 'roll';
    card.append(heading, canvas);
    list.prepend(card);
    state.phrases[phrase.bookIndex] = {sequence: phrase.sequence,
      drawn: drawRoll(canvas, phraseRoll(phrase), PX_PER_STEP)};
  }
  while (list.children.length > KEPT_PHRASES) {
    const oldest = list.lastElementChild;
    delete state.phrases[Number(oldest.id.substring('phrase-'.length))];
    oldest.remove();
  }
}

function listen() {
  const socket = new WebSocket(`ws://${location.host}/api/live/events`);
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    if (message.phrases) {
      showPhrases(message);
    } else {
      show(message);
    }
  };
  socket.onclose = () => setTimeout(listen, 1000);
}

$('switch').onclick = async () => {
  try {
    await post('/api/live/preset', {name: $('preset').value});
    status(`Preset "${$('preset').value}" from the next phrase on`);
  } catch (e) {
    status(e.message, true);
  }
};

$('panic').onclick = async () => {
  try {
    await post('/api/live/panic', {});
    status('All notes off');
  } catch (e) {
    status(e.message, true);
  }
};

fetch('/api/presets').then(r => r.json()).then(presets => {
  $('preset').replaceChildren(...presets.map(p => new Option(p.name, p.name)));
  listen();
}).catch(e => status(e.message, true));
