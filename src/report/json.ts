import type { Reporter } from './model.js';

// JSON stays in UTC whatever --tz says: it is the machine contract (report-contract.md).
export const renderJson: Reporter = (report) => JSON.stringify(report, null, 2) + '\n';
