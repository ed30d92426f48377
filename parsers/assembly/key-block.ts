// A private key's lines are one record when they follow a log line as its continuation, and the
// secret rules then scrub the blob from its BEGIN line on. When a paste wraps every line on its own
// (emphasis or a fence around each), each key line is its own shapeless event and its body has
// nothing that names it a key: the BEGIN line seen before is what does. The block lasts to its END
// line or to the next line a writer's shape reads (a cut key must not hide the log after it).
import type { HubEvent } from '../../src/core/model/events.js';
import { SECRET } from '../../src/core/secret-mark.js';

const BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g;
const END = '-----END';

export class KeyBlock {
  private open = false;

  /** Every event in input order: inside an open block, a shapeless event's text is the key's. */
  guard(ev: HubEvent): void {
    if (this.open) {
      if (ev.shape !== 'none') this.open = false;
      else {
        const end = ev.text.indexOf(END);
        if (end < 0) {
          ev.text = ev.raw = SECRET;
          return;
        }
        this.open = false;
        // What a paste put before the END line (emphasis, a fence) stays; a key's last piece does not.
        const before = ev.text.slice(0, end);
        if (/[A-Za-z0-9+/]{4}/.test(before)) ev.text = ev.raw = SECRET + ev.text.slice(end);
        return;
      }
    }
    if (ev.text.indexOf('-----BEGIN') < 0) return;
    // Open when the last BEGIN of a private key has no END after it.
    let last = -1;
    BEGIN.lastIndex = 0;
    for (let m = BEGIN.exec(ev.text); m; m = BEGIN.exec(ev.text)) last = m.index;
    this.open = last >= 0 && ev.text.indexOf(END, last) < 0;
  }
}
