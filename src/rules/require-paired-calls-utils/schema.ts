/** The options schema of `require-paired-calls`. */
import type { JSONSchema } from '@typescript-eslint/utils';

import { choice, oneOrMany } from '../../utils/schema.js';

const name: JSONSchema.JSONSchema4 = { type: 'string', minLength: 1, pattern: '^[\\w$.#]+$' };

const pair: JSONSchema.JSONSchema4 = {
  type: 'object',
  description: 'A pair of calls: what opens, what closes, and how a close finds its open.',
  additionalProperties: false,
  required: ['open', 'close'],
  properties: {
    open: {
      ...name,
      description:
        'The opening method or function name (`startMonitoring`); a dotted name pins the receiver (`console.time`).',
    },
    close: oneOrMany(name, 'The closing method or function name, or several.'),
    match: choice(
      ['argument', 'returned'],
      '`argument` (default): the close is called on the same receiver with the same first argument. `returned`: the close is called on the value the open returns.',
    ),
    package: {
      description:
        'For `returned` pairs: a handle never closed at all is reported only in files importing this package.',
      type: 'string',
      minLength: 1,
    },
    label: {
      description: 'Words naming what the open holds, for messages (default: the open name).',
      type: 'string',
      minLength: 1,
    },
  },
};

export const pairOptionsSchema: JSONSchema.JSONSchema4[] = [
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      pairs: {
        type: 'array',
        description: 'More pairs to check, besides the defaults.',
        items: pair,
      },
      defaultPairs: {
        type: 'boolean',
        description:
          'Check the default pairs: pg `connect`/`release`, OpenTelemetry `startSpan`/`end`, `console.time`/`timeEnd`, async-mutex `acquire`/release, `fs.watchFile`/`unwatchFile`.',
      },
      exceptionPaths: {
        type: 'boolean',
        description: 'Also report closes that a throw between the open and the close would skip.',
      },
      unknownCalleesTakeOwnership: {
        type: 'boolean',
        description:
          'Passing a handle (of a `returned` pair) to a function this rule does not know hands it over.',
      },
    },
  },
];
