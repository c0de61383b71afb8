// The training page: start or follow a run, its progress and ETA, live charts from training.csv, sample rolls.
import {drawRoll} from './pianoroll.js';

const $ = id => document.getElementById(id);
const LOSSES = ['critic_loss', 'generator_loss', 'wasserstein'];
const METRICS = ['empty_bar_rate', 'in_scale', 'beat_consonance', 'chord_agreement', 'similarity_index'];
const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd'];
/** What the page shows, for the end-to-end tests: points derived from what the charts were given. */
const state = window.training = {state: 'idle', points: 0, samples: 0, sampleIteration: null, sampleDrawn: 0,
  error: null};
const charts = {};
/** The checkpoint whose sample the musician picked, or null to follow the newest. */
let pinnedSample = null;

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
  state.error = error ? text : null;
}

async function call(path, body) {
  const response = await fetch(path, body === undefined ? {} : {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  if (!response.ok) {
    throw new Error((await response.text()).trim() || response.statusText);
  }
  return response.json();
}

const number = value => typeof value === 'number' && isFinite(value) ? value : null;

/** A uPlot chart of some training.csv columns against the iteration, with dashed reference lines. */
function chart(element, columns, progress, reference) {
  const index = name => progress.columns.indexOf(name);
  const shown = columns.filter(name => index(name) >= 0);
  const x = progress.rows.map(row => row[0]);
  const data = [x, ...shown.map(name => progress.rows.map(row => number(row[index(name)])))];
  const series = [{label: 'iteration'}, ...shown.map((name, i) => ({label: name, stroke: COLOURS[i], width: 2}))];
  shown.forEach((name, i) => {
    if (reference && number(reference[name]) !== null) {
      data.push(x.map(() => reference[name]));
      series.push({label: name + ' (real)', stroke: COLOURS[i], dash: [6, 4], width: 1});
    }
  });
  const key = element.id + ':' + series.map(s => s.label).join();
  if (charts[element.id] && charts[element.id].key === key) {
    charts[element.id].plot.setData(data);
  } else {
    if (charts[element.id]) {
      charts[element.id].plot.destroy();
    }
    const plot = new uPlot({width: 560, height: 260, series, scales: {x: {time: false}},
      axes: [{label: 'iteration'}, {}]}, data, element);
    charts[element.id] = {key, plot};
  }
  return x.length;
}

function duration(seconds) {
  if (seconds < 0) {
    return 'unknown';
  }
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.round(seconds)} s`;
}

async function showSample(iteration) {
  const roll = await call(`/api/training/samples/${iteration}`);
  state.sampleDrawn = drawRoll($('sample-roll'), roll, 8).reduce((a, b) => a + b, 0);
  state.sampleIteration = Number(iteration);
}

function show({state: runState, progress, log}) {
  state.state = runState;
  $('log').textContent = log.join('\n');
  $('stop').disabled = runState !== 'running';
  $('start').disabled = runState === 'running';
  if (!progress) {
    $('progress-text').textContent = 'No run';
    return;
  }
  const last = progress.rows.length ? progress.rows[progress.rows.length - 1][0] : 0;
  $('progress').value = progress.iterations ? last / progress.iterations : 0;
  $('progress-text').textContent = `${runState}: iteration ${last}` + (progress.iterations
    ? ` of ${progress.iterations}, ${duration(progress.etaSeconds)} left` : '') + ` — ${progress.folder}`;
  state.points = chart($('losses'), LOSSES, progress, null);
  chart($('metrics'), METRICS, progress, progress.reference);
  const select = $('sample');
  if (progress.samples.length !== select.options.length) {
    select.replaceChildren(...progress.samples.map(i => new Option(String(i), String(i))));
    state.samples = progress.samples.length;
    const newest = progress.samples[progress.samples.length - 1];
    if (pinnedSample === null && newest !== undefined) {
      select.value = String(newest);
      showSample(newest).catch(e => status(e.message, true));
    } else if (pinnedSample !== null) {
      select.value = String(pinnedSample);
    }
  }
}

function listen() {
  const socket = new WebSocket(`ws://${location.host}/api/training/events`);
  socket.onmessage = event => show(JSON.parse(event.data).status);
  socket.onclose = () => setTimeout(listen, 1000);
}

$('train').onsubmit = async event => {
  event.preventDefault();
  try {
    show(await call('/api/training/start', {data: $('data').value, preset: $('preset').value,
      iterations: Number($('iterations').value), learningRate: Number($('lr').value),
      updateRatio: Number($('update-ratio').value), batch: Number($('batch').value),
      reconstructionWeight: Number($('reconstruction').value), seed: Number($('seed').value),
      checkpointEvery: Number($('every').value), resume: $('resume').checked, replace: $('replace').checked,
      master: $('master').value,
      shares: Number($('shares').value)}));
    status(`Training "${$('preset').value}"` + ($('master').value.trim() ? ` on ${$('master').value.trim()}` : ''));
  } catch (e) {
    status(e.message, true);
  }
};

$('stop').onclick = async () => {
  status('Stopping…');
  try {
    show(await call('/api/training/stop', {}));
    status('Stopped');
  } catch (e) {
    status(e.message, true);
  }
};

$('attach').onsubmit = async event => {
  event.preventDefault();
  try {
    show(await call('/api/training/attach', {folder: $('attach-folder').value,
      iterations: Number($('attach-iterations').value)}));
    status('Following ' + $('attach-folder').value);
  } catch (e) {
    status(e.message, true);
  }
};

$('sample').onchange = () => {
  const select = $('sample');
  pinnedSample = select.selectedIndex === select.options.length - 1 ? null : Number(select.value);
  showSample(select.value).catch(e => status(e.message, true));
};

call('/api/training').then(current => {
  show(current);
  status('Ready');
  listen();
}).catch(e => status(e.message, true));
