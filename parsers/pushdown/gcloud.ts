import type { Dialect, PlaceOptions } from './types.js';
import { quoted } from './types.js';
import { pushdownRegex } from '../needles.js';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const gcloud: Dialect = {
  id: 'gcloud',
  title: 'a Cloud Logging filter for gcloud logging read and the Logs Explorer (GKE)',
  render(o: PlaceOptions) {
    const cond = [
      ...(o.resourceType ? [`resource.type=${quoted(o.resourceType)}`] : []),
      ...(o.namespace ? [`resource.labels.namespace_name=${quoted(o.namespace)}`] : []),
      ...(o.container ? [`resource.labels.container_name=${quoted(o.container)}`] : []),
      ...(o.since ? [`timestamp>=${quoted(new Date(o.now - o.since.amount * UNIT_MS[o.since.unit]).toISOString())}`] : []),
      `textPayload=~${quoted(pushdownRegex())}`,
    ];
    return cond.join(' AND ');
  },
  example: `gcloud logging read "$(hubsleuth filter --gcloud --namespace jhub)" \\
    --freshness=2d --order=asc --format=json | hubsleuth`,
  notes: 'gcloud reads only the last day unless --freshness (or --since here) says more. The regex (=~, RE2) has no backslash and no double quote, so the filter pastes into the Logs Explorer as printed. A filter may be 20,000 characters long. --resource-type "" drops the resource.type condition (hub logs kept by a sink in another resource).',
};
