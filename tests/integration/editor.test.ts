/**
 * The editor: the real ESLint language server (vscode-eslint's server, as shipped in
 * vscode-langservers-extracted and used by VS Code, Neovim, Helix, Zed …) driven over stdio.
 * That server publishes diagnostics by the LSP 3.17 pull model: the editor asks with
 * `textDocument/diagnostic` after opening or changing a document, so that is what we send.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HANDLERS_FIXED, HANDLERS_LEAKY } from './fixtures.js';
import {
  cleanEnv,
  eslintVersions,
  findings,
  isLeakproof,
  lintInProcess,
  makeTypedWorkspace,
  removeTempDirs,
  repoNodeModules,
  ruleDocs,
  type Finding,
} from './helpers.js';
import {
  applyTextEdits,
  LspClient,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from './lsp-client.js';

const serverBin = path.join(
  repoNodeModules,
  'vscode-langservers-extracted',
  'bin',
  'vscode-eslint-language-server',
);

/** The settings vscode-eslint's client sends (its package.json defaults), as the server asks for them. */
function eslintSettings(workspace: string): Record<string, unknown> {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: path.basename(workspace), uri: pathToFileURL(workspace).href },
  };
}

afterAll(removeTempDirs);

describe.each(eslintVersions)('ESLint language server with ESLint $major', (version) => {
  let workspace: string;
  let client: LspClient;
  let docs: Map<string, string>;
  let expected: Finding[];
  let uri: string;
  let text = HANDLERS_LEAKY;
  let docVersion = 1;
  const appliedEdits: WorkspaceEdit[] = [];

  const pull = async (): Promise<Diagnostic[]> => {
    const report = await client.request<{ kind: string; items: Diagnostic[] }>(
      'textDocument/diagnostic',
      { textDocument: { uri } },
      60_000,
    );
    expect(report.kind).toBe('full');
    return report.items;
  };
  const change = (newText: string): void => {
    text = newText;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: ++docVersion },
      contentChanges: [{ text }],
    });
  };
  const logs = (): string =>
    client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message)
      .join('\n');

  beforeAll(async () => {
    docs = await ruleDocs();
    workspace = makeTypedWorkspace(
      `editor-v${version.major}`,
      { 'src/handlers.ts': HANDLERS_LEAKY },
      version,
    );
    uri = pathToFileURL(path.join(workspace, 'src', 'handlers.ts')).href;
    expected = findings(
      await lintInProcess(workspace, ['src/handlers.ts'], version),
      workspace,
    ).filter((f) => isLeakproof(f.ruleId));

    client = new LspClient(
      process.execPath,
      [serverBin, '--stdio'],
      { cwd: workspace, env: cleanEnv() },
      (method, params) => {
        switch (method) {
          case 'workspace/configuration':
            return (params as { items: unknown[] }).items.map(() => eslintSettings(workspace));
          case 'workspace/applyEdit':
            appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
            return { applied: true };
          case 'eslint/noLibrary':
          case 'eslint/noConfig':
          case 'eslint/probeFailed':
          case 'eslint/openDoc':
            return {};
          default:
            return null;
        }
      },
    );
    await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'leakproof-integration-test' },
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ name: path.basename(workspace), uri: pathToFileURL(workspace).href }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, applyEdit: true },
        textDocument: {
          synchronization: { didSave: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { codeDescriptionSupport: true },
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] },
            },
          },
        },
      },
    });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: docVersion, text },
    });
  }, 120_000);

  afterAll(async () => {
    await client?.close();
  });

  it('reports the leak with its rule id and docs link as the document opens', async () => {
    expect(
      expected.length,
      'the ESLint class finds no leakproof problem in the leaky fixture',
    ).toBeGreaterThan(0);
    const diagnostics = (await pull()).filter((d) => isLeakproof(String(d.code)));
    expect(diagnostics.length, `no leakproof diagnostic; server log:\n${logs()}`).toBe(
      expected.length,
    );
    for (const [i, d] of diagnostics.entries()) {
      const ruleId = String(d.code);
      expect(docs.has(ruleId), `${ruleId} is not a rule of the built plugin`).toBe(true);
      expect(d.source).toBe('eslint');
      expect(d.codeDescription?.href).toBe(docs.get(ruleId));
      expect(d.codeDescription?.href).toMatch(/^https:\/\/.+\/docs\/rules\/[a-z-]+\.md$/);
      expect(d.message).toBe(expected[i].message);
      expect(d.range.start).toEqual({
        line: expected[i].line - 1,
        character: expected[i].column - 1,
      });
    }
  }, 90_000);

  it("offers each report's fix and suggestions as code actions, and applying them clears the leaks", async () => {
    const offering = expected.filter((f) => f.fixable || f.suggestions > 0);
    expect(
      offering.length,
      'no leakproof report on the fixture carries a fix or a suggestion',
    ).toBeGreaterThan(0);

    const ownActions = async (d: Diagnostic): Promise<CodeAction[]> => {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], triggerKind: 1 },
      });
      return actions.filter(
        (a) =>
          a.title.includes(String(d.code)) &&
          !a.title.startsWith('Disable ') &&
          !a.title.startsWith('Show documentation'),
      );
    };

    // Each leakproof diagnostic offers exactly its report's fix and suggestions.
    let current = (await pull()).filter((d) => isLeakproof(String(d.code)));
    for (const [i, d] of current.entries()) {
      const own = await ownActions(d);
      const wanted = (expected[i].fixable ? 1 : 0) + expected[i].suggestions;
      expect(own.length, `${String(d.code)}: ${JSON.stringify(own.map((a) => a.title))}`).toBe(
        wanted,
      );
      if (expected[i].fixable) expect(own[0].title).toBe(`Fix this ${String(d.code)} problem`);
    }

    // Apply them one at a time as an editor does: run the action's command, receive
    // workspace/applyEdit, change the (unsaved) buffer, and read the diagnostics again.
    for (let round = 0; round < offering.length; round++) {
      let target: { d: Diagnostic; action: CodeAction } | undefined;
      for (const d of current) {
        const [action] = await ownActions(d);
        if (action) {
          target = { d, action };
          break;
        }
      }
      expect(target, `round ${round}: no diagnostic offers an action any more`).toBeDefined();
      const { d, action } = target!;
      const ruleId = String(d.code);
      expect(action.command?.command).toMatch(/^eslint\.apply(SingleFix|Suggestion)$/);
      const before = appliedEdits.length;
      await client.request('workspace/executeCommand', {
        command: action.command?.command,
        arguments: action.command?.arguments,
      });
      expect(appliedEdits.length).toBe(before + 1);
      const edit = appliedEdits[before];
      const edits = edit.documentChanges?.flatMap((c) => c.edits) ?? edit.changes?.[uri] ?? [];
      expect(edits.length).toBeGreaterThan(0);
      const fixedText = applyTextEdits(text, edits);
      expect(fixedText).not.toBe(text);
      change(fixedText);
      const next = (await pull()).filter((x) => isLeakproof(String(x.code)));
      const count = (list: Diagnostic[]): number =>
        list.filter((x) => String(x.code) === ruleId).length;
      expect(count(next), `${ruleId} still reported after "${action.title}"`).toBe(
        count(current) - 1,
      );
      current = next;
    }
    // The fixture's leaks all come with a fix or a suggestion: applying them leaves none.
    expect(current).toEqual([]);
  }, 90_000);

  it('clears the diagnostics when the unsaved buffer is fixed', async () => {
    change(HANDLERS_FIXED);
    const diagnostics = await pull();
    expect(diagnostics.filter((d) => isLeakproof(String(d.code)))).toEqual([]);
    // Nothing was saved: the file on disk still holds the leak.
    expect(fs.readFileSync(path.join(workspace, 'src', 'handlers.ts'), 'utf8')).toBe(
      HANDLERS_LEAKY,
    );
    // And the server never fell back to pushing or failed to find ESLint.
    const failures = client.serverRequests.filter((r) => r.method.startsWith('eslint/'));
    expect(failures).toEqual([]);
  }, 90_000);
});
