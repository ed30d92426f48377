// Whole-document exports: one JSON document whose records are the elements of an array inside it
// (src/ingest/json-array.ts finds that array by its path as the bytes arrive). A file is one of
// them when its first array at a registered path opens before its top-level value ends; else, when
// its first value is a record that spans lines and ends before the input does, its values are the
// records (a `stream`); otherwise it is read line by line. A new export of this kind is one file
// and one line here.
import type { DocumentExport } from '../types.js';
import { jsonArray } from './json-array.js';
import { awsLogEvents } from './aws-log-events.js';
import { insightsResults } from './insights-results.js';
import { esSearch } from './es-search.js';
import { k8sEventList } from './k8s-event-list.js';
import { jsonStream } from './json-stream.js';

export const DOCUMENT_EXPORTS: readonly DocumentExport[] = [jsonArray, awsLogEvents, insightsResults, esSearch, k8sEventList, jsonStream];
