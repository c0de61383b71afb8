// The live page: a running `continuo serve` as its control socket reports it, pushed over a WebSocket when it
// changes; preset switch and panic are the same commands as `continuo ctl`.
const $ = id => document.getElementById(id);
/** What the page shows, for the end-to-end tests. */
const state = window.live = {connected: false, updates: 0, status: null, error: null};

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
  $('socket').textContent = snapshot.socket;
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
}

function listen() {
  const socket = new WebSocket(`ws://${location.host}/api/live/events`);
  socket.onmessage = event => show(JSON.parse(event.data));
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
