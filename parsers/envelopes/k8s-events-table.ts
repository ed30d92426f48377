// The text tables of `kubectl get events` (`LAST SEEN  TYPE  REASON  OBJECT  MESSAGE`, `pod/<name>`)
// and `kubectl events` (the same columns, `Pod/<name>`, and `5m (x3 over 10m)` for a repeated
// Event); with `-A` a NAMESPACE column comes first, and `kubectl get events -o wide` has
// `… OBJECT  SUBOBJECT  SOURCE  MESSAGE  FIRST SEEN  COUNT  NAME`. kubectl pads every column to its
// widest cell and three spaces. LAST SEEN is an age ("5m", "<unknown>"), relative to when the
// table was printed, which the table does not say: these Events have no time. The header row is a
// paste artefact (../artifacts/table.ts).
import { DIGITS, LOWER, type Envelope } from './types.js';
import { kubeEvent, kubeEventRecord } from './kube-event.js';

// An age as kubectl prints one (k8s.io/apimachinery's HumanDuration: `45s`, `2m30s`, `3h5m`, `4d`).
const AGE = String.raw`(?:<unknown>|<invalid>|\d+[smhdy](?:\d+[smhd])?)`;
const SEEN = String.raw`${AGE}(?: \(x(\d+) over ${AGE}\))?`;
const GAP = String.raw`\s{2,}`;
const HEAD = String.raw`^(?:([a-z0-9][-a-z0-9]{0,62})${GAP})?${SEEN}${GAP}(Normal|Warning)${GAP}([A-Za-z][\w.-]*)${GAP}([A-Za-z][\w.-]*)/(\S+)`;
const ROW = new RegExp(`${HEAD}(?:${GAP}(.*?))?\\s*$`);
// -o wide: the tail is FIRST SEEN, COUNT and the Event's own name (`<object>.<hex>`).
const WIDE_TAIL = new RegExp(`${GAP}${AGE}${GAP}(\\d+)${GAP}([a-z0-9][-a-z0-9.]*\\.[0-9a-f]{6,})\\s*$`);
// SUBOBJECT is a field path (`spec.containers{notebook}`); SOURCE `kubelet, <node>` or a component.
const SUBOBJECT = /^spec\.|\{/;

export const k8sEventsTable: Envelope = {
  ids: ['k8s-events-table'],
  title: 'kubectl get events and kubectl events tables (LAST SEEN TYPE REASON OBJECT MESSAGE, -A, -o wide): ages only, so no time',
  starts: DIGITS + LOWER + '<',
  unwrap(line) {
    const m = ROW.exec(line);
    if (!m) return null;
    const [, namespace, repeated, eventType, reason, kind, name] = m;
    let message = m[7] ?? '';
    let count: number | null = repeated ? Number(repeated) : null;
    const wide = WIDE_TAIL.exec(message);
    if (wide) {
      count = Number(wide[1]);
      const cells = message.slice(0, wide.index).split(/\s{3,}/);
      // The empty SUBOBJECT cell of most rows is only more padding: SOURCE then comes first.
      if (cells.length > 1 && SUBOBJECT.test(cells[0])) cells.shift();
      message = cells.length > 1 ? cells.slice(1).join('   ') : '';
    }
    const k = kubeEvent({ eventType, reason, kind, name, namespace: namespace ?? null, message, count });
    return kubeEventRecord('k8s-events-table', k, NaN);
  },
  samples: [
    {
      line: '47m         Warning   FailedScheduling   pod/jupyter-nb-psapuser94-0   0/14 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector, 3 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn\'t tolerate, 9 Insufficient cpu.',
      envelope: 'k8s-events-table',
      text: 'Warning FailedScheduling Pod/jupyter-nb-psapuser94-0: 0/14 nodes are available: 2 node(s) didn\'t match Pod\'s node affinity/selector, 3 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn\'t tolerate, 9 Insufficient cpu.',
    },
    {
      line: 'jhub          12m         Normal    ScaleDown          pod/jupyter-dan                   deleting pod for node scale down',
      envelope: 'k8s-events-table',
      text: 'Normal ScaleDown Pod/jupyter-dan: deleting pod for node scale down',
    },
    {
      line: '2m (x4 over 9m)   Warning   BackOff   Pod/jupyter-carol-40example-2eorg   Back-off pulling image "quay.io/jupyter/datascience-notebook:2025-05-1"',
      envelope: 'k8s-events-table',
      text: 'Warning BackOff Pod/jupyter-carol-40example-2eorg (x4): Back-off pulling image "quay.io/jupyter/datascience-notebook:2025-05-1"',
    },
  ],
};
