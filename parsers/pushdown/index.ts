// The push-down dialects of `hubsleuth filter`, each built from the needles (../needles.ts). A new
// place hub logs are kept is one file and one line here; its flag, help and README lines follow.
import type { Dialect } from './types.js';
import { grep } from './grep.js';
import { logql } from './logql.js';
import { gcloud } from './gcloud.js';
import { cloudwatch } from './cloudwatch.js';
import { kql } from './kql.js';
import { es } from './es.js';

export type { Dialect, PlaceOptions } from './types.js';
export const DIALECTS: readonly Dialect[] = [grep, logql, gcloud, cloudwatch, kql, es];
