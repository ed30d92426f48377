// k9s' log view copied from the terminal: every row inside the box's borders (`│ … │`), padded to
// the box's width; the right border is missing when the copy stopped at the screen's edge. A row
// whose text runs up to the border was cut there (k9s wraps or truncates at the box's width): the
// record assembly decides from the next row whether it goes on.
import type { Envelope } from './types.js';

const BAR = 0x2502; // │

export const k9sBox: Envelope = {
  ids: ['k9s'],
  title: 'k9s log view copied from the screen (│ … │ around each row)',
  starts: '│',
  nests: true,
  unwrap(line) {
    if (line.charCodeAt(0) !== BAR || line.charCodeAt(1) !== 32) return null;
    let end = line.length;
    while (end > 2 && line.charCodeAt(end - 1) === 32) end--;
    let full = false;
    if (line.charCodeAt(end - 1) === BAR) {
      end--;
      // One space of the box's own margin before the border, and text right up to it.
      full = line.charCodeAt(end - 1) === 32 && line.charCodeAt(end - 2) !== 32;
      while (end > 2 && line.charCodeAt(end - 1) === 32) end--;
    }
    return { envelope: 'k9s', text: line.slice(2, end), t: NaN, full };
  },
  samples: [
    { line: '│ [I 250514 09:12:00 __init__:241] Culling server alice@example.com (inactive for 01:04:12)         │', envelope: 'k9s', text: '[I 250514 09:12:00 __init__:241] Culling server alice@example.com (inactive for 01:04:12)' },
  ],
};
