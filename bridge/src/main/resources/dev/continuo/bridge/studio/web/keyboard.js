// The on-screen keyboard (as DeepComposer's virtual keyboard) and the computer keys that play it.

/** Computer keys in semitones above the keyboard's lowest C: A W S E D F T G Y H U J K O L P ;. */
export const KEY_SEMITONES = {a: 0, w: 1, s: 2, e: 3, d: 4, f: 5, t: 6, g: 7, y: 8, h: 9, u: 10, j: 11, k: 12,
  o: 13, l: 14, p: 15, ';': 16};
const LABELS = Object.fromEntries(Object.entries(KEY_SEMITONES).map(([key, semitone]) => [semitone, key]));
const BLACK = new Set([1, 3, 6, 8, 10]);
const WHITE_PX = 36;

/**
 * Builds 17 keys (C to E an octave and a third above) in `element`; `onPress(semitone)` is called for a click.
 * Returns `light(semitone)`, which shows a key as pressed for a moment.
 */
export function buildKeyboard(element, onPress) {
  const keys = [];
  let whites = 0;
  for (let semitone = 0; semitone <= 16; semitone++) {
    const key = document.createElement('div');
    const black = BLACK.has(semitone % 12);
    key.className = 'key ' + (black ? 'black' : 'white');
    key.style.left = (black ? whites * WHITE_PX - 12 : whites * WHITE_PX) + 'px';
    key.dataset.semitone = semitone;
    key.textContent = LABELS[semitone].toUpperCase();
    key.addEventListener('mousedown', event => {
      event.preventDefault();
      onPress(semitone);
    });
    element.appendChild(key);
    keys[semitone] = key;
    if (!black) {
      whites++;
    }
  }
  element.style.width = whites * WHITE_PX + 'px';
  return semitone => {
    const key = keys[semitone];
    if (key) {
      key.classList.add('down');
      setTimeout(() => key.classList.remove('down'), 150);
    }
  };
}
