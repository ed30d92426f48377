// JSON Schema of one `watch --format ndjson` line (hubsleuth.alert/v1), for consumers that validate
// and for the tests. docs/watch-alerts.md describes the same fields in prose; keep them together.
export const ALERT_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://hubsleuth.dev/schema/alert-v1.json',
  type: 'object',
  required: ['schema', 'kind', 'severity', 'at', 'summary', 'evidence'],
  properties: {
    schema: { const: 'hubsleuth.alert/v1' },
    kind: { enum: ['user-deleted', 'denied-after-deletion', 'hub-restarted', 'recurrence'] },
    severity: { enum: ['info', 'warning', 'error', 'critical'] },
    at: { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$' },
    hub: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    cause: { type: 'string', minLength: 1 },
    user: { type: 'string' },
    deletedAt: { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$' },
    deletedBy: { enum: ['culler', 'admin', 'unknown'] },
    actor: { type: ['string', 'null'] },
    inactiveFor: { type: ['string', 'null'] },
    allowList: { enum: ['seen', 'unknown'] },
    restoredUsers: { type: 'array', items: { type: 'string' } },
    version: { type: ['string', 'null'] },
    restartAt: { type: 'string' },
    folded: { type: 'integer', minimum: 1 },
    foldedSince: { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$' },
    summary: { type: 'string', minLength: 1 },
    evidence: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['source', 'line', 'text'],
        additionalProperties: false,
        properties: { source: { type: 'string' }, line: { type: 'integer', minimum: 1 }, text: { type: 'string' } },
      },
    },
  },
  // Open: v1 may gain fields (never lose or rename them); the tests check the closed set.
  allOf: [
    { if: { properties: { kind: { const: 'user-deleted' } } }, then: { required: ['user', 'deletedAt', 'deletedBy', 'actor', 'inactiveFor', 'allowList'] } },
    { if: { properties: { kind: { const: 'denied-after-deletion' } } }, then: { required: ['title', 'cause', 'user', 'deletedAt', 'deletedBy', 'actor'] } },
    { if: { properties: { kind: { const: 'hub-restarted' } } }, then: { required: ['restoredUsers', 'version'] } },
    { if: { properties: { kind: { const: 'recurrence' } } }, then: { required: ['title', 'user', 'restartAt'] } },
  ],
} as const;
