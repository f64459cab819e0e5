import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  argumentsMention,
  belongsToRequest,
  createClientFinder,
  parameterVariables,
  type Built,
  type PerCallClient,
} from './no-per-call-client-utils/find-clients.js';
import { hoistFix, releaseOf } from './no-per-call-client-utils/hoist.js';
import type { PerCallSite } from '../analysis/lifetime/per-call-site.js';
import { siteText } from './no-per-call-client-utils/site-text.js';
import { entriesFromOptions } from '../analysis/resolve/user-resources.js';
import { FRAMEWORKS, type Framework } from '../catalog/frameworks.js';
import { resourceSpecifierSchema, type ResourceSpecifier } from '../catalog/index.js';
import { RELEASE_METHODS } from '../catalog/vocabulary.js';
import { findVariable } from '../utils/ast/index.js';
import { createRule } from '../utils/create-rule.js';
import { choices } from '../utils/schema.js';

export type Options = [{ clients?: ResourceSpecifier[]; perRequestRuntimes?: Framework[] }];
export type MessageIds =
  | 'perCallClient'
  | 'perCallClientReleased'
  | 'perCallClientUsing'
  | 'perCallBuilder'
  | 'hoistToModule';

/** What repeats at each kind of site: a word for the messages' `{{unit}}`. */
const UNIT: Record<PerCallSite['kind'], string> = {
  handler: 'request',
  loop: 'iteration',
  iteration: 'item',
  listener: 'event',
  function: 'call',
};

export default createRule<Options, MessageIds>({
  name: 'no-per-call-client',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow building HTTP, database and SDK clients in request handlers, loops and other per-call code',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      perCallClient:
        'Create the {{client}} once and reuse it, instead of building a new one on every {{unit}}. One is built at line {{line}}, in `{{site}}`, so each {{unit}} opens fresh connections and sockets instead of reusing them. Create it at module scope, or lazily with `??=`, one per configuration if that varies.',
      perCallClientReleased:
        'Create the {{client}} once and reuse it, without the per-call `{{release}}()`. A new one is built on every {{unit}} at line {{line}}, in `{{site}}`, so each {{unit}} opens fresh connections and sockets instead of reusing them. Create it at module scope, or lazily with `??=`, one per configuration if that varies.',
      perCallClientUsing:
        'Create the {{client}} once and reuse it, instead of building and closing one per {{unit}}. A new one is built on every {{unit}} at line {{line}}, in `{{site}}`, and `using` closes it again: each {{unit}} opens fresh connections and sockets instead of sharing them. Create it at module scope, or lazily with `??=`, one per configuration if that varies.',
      perCallBuilder:
        'Create the {{client}} once and reuse it, or pass a shared client in to `{{builder}}`. `{{builder}}` builds the {{client}} at {{clientAt}} and runs on every {{unit}} at line {{line}}, in `{{site}}`: each {{unit}} opens fresh connections and sockets.',
      hoistToModule: 'Move `{{name}}` to module scope so it is built once and shared.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clients: {
            description: 'More clients to treat as shared-only, besides the built-in catalog.',
            type: 'array',
            items: resourceSpecifierSchema,
          },
          perRequestRuntimes: choices(
            FRAMEWORKS,
            'Platforms whose request handlers may build a client per request (some runtimes forbid sharing I/O objects between requests).',
          ),
        },
      },
    ],
    defaultOptions: [{ clients: [], perRequestRuntimes: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Select: the clients of the catalog and of the options; nothing to do in a file without any.
    const find = createClientFinder(context, entriesFromOptions(options.clients));
    if (find === null) return {};
    // Specify: platforms that want a client per request.
    const allowed = new Set<Framework>(options.perRequestRuntimes);
    const env = { sourceCode, filename: context.filename };

    function report(found: PerCallClient): void {
      const { node, entry, built, use } = found;
      const line = String(node.loc.start.line);
      const unit = UNIT[use.site.kind];
      const site = siteText(sourceCode, use.site);
      if (built !== null) {
        const callee = sourceCode.getText(node.callee);
        const builder =
          node.type === AST_NODE_TYPES.NewExpression ? `new ${callee}()` : `${callee}()`;
        const fix = hoistFix(env, node, use, RELEASE_METHODS);
        const id = use.destination.kind === 'local' ? use.destination.declarator?.id : undefined;
        context.report({
          node,
          messageId: 'perCallBuilder',
          data: { line, unit, site, builder, client: built.label, clientAt: built.at },
          suggest:
            fix === null || id?.type !== AST_NODE_TYPES.Identifier
              ? []
              : [{ messageId: 'hoistToModule', data: { name: id.name }, fix }],
        });
        return;
      }
      if (entry === null) return;
      const local = use.destination.kind === 'local' ? use.destination : null;
      const id = local?.declarator?.id;
      const variable =
        id?.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, id) : undefined;
      const release = variable === undefined ? null : releaseOf(variable.references, entry);
      // A one-shot check of the configuration the caller passes (credentials tried once,
      // then ended): each call has its own configuration and closes its client (field PC-7).
      if (
        use.site.kind === 'function' &&
        release !== null &&
        argumentsMention(sourceCode, node, parameterVariables(sourceCode, use.site.node))
      ) {
        return;
      }
      const fix = hoistFix(env, node, use, entry.releaseMethods);
      context.report({
        node,
        messageId:
          local?.using === true
            ? 'perCallClientUsing'
            : release === null
              ? 'perCallClient'
              : 'perCallClientReleased',
        data: { line, unit, site, client: entry.label, release: release ?? '' },
        suggest:
          fix === null || id?.type !== AST_NODE_TYPES.Identifier
            ? []
            : [{ messageId: 'hoistToModule', data: { name: id.name }, fix }],
      });
    }

    // Find, then report what the platform does not want per request.
    const check = (node: Built): void => {
      const found = find(node);
      if (found !== null && !belongsToRequest(env, found, allowed)) report(found);
    };

    return { NewExpression: check, CallExpression: check };
  },
});
