// The JSON exports, one object per record, told apart by their keys (not by file name), in this
// order: the first that recognises an object wins. A new export is one file and one line here.
import type { JsonExport, Unwrapped } from '../types.js';
import { cloudLogging } from './cloud-logging.js';
import { loki } from './loki.js';
import { fluentBit } from './fluent-bit.js';
import { dockerJson } from './docker.js';
import { cloudwatch } from './cloudwatch.js';
import { cloudwatchInsights } from './cloudwatch-insights.js';
import { azureMonitor } from './azure-monitor.js';
import { elasticsearch } from './elasticsearch.js';
import { k8sEvents } from './k8s-events.js';

export const JSON_EXPORTS: readonly JsonExport[] = [cloudLogging, loki, fluentBit, dockerJson, cloudwatch, cloudwatchInsights, azureMonitor, elasticsearch, k8sEvents];

export function unwrapJsonObject(o: Record<string, unknown>): Unwrapped | null {
  for (const x of JSON_EXPORTS) {
    const u = x.unwrap(o, unwrapJsonObject);
    if (u) return u;
  }
  return null;
}
