/**
 * Invariants of the plugin as a whole, checked against the sources (not `dist/`): every rule is
 * registered under its file name, documented and tested; its metadata follows the house rules;
 * the configs are exactly what the metadata says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';
import { docsUrl, type LeakproofDocs } from '../src/utils/create-rule.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  description?: string;
  pattern?: string;
};
type Rule = TSESLint.RuleModule<string, readonly unknown[]> & {
  name?: string;
  meta: TSESLint.RuleMetaData<string, LeakproofDocs, readonly unknown[]>;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (relative: string): string => fs.readFileSync(path.join(root, relative), 'utf8');
const exists = (relative: string): boolean => fs.existsSync(path.join(root, relative));

const ruleFiles = fs
  .readdirSync(path.join(root, 'src/rules'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const ruleEntries = Object.entries(rules as Record<string, Rule>);
const pkg = JSON.parse(read('package.json')) as { name: string; version: string };
const NAMESPACE = 'leakproof';

/**
 * The `##` sections of every rule doc, exactly and in this order (after the generated header and
 * the two paragraphs on why it matters); finer structure goes in `###` subsections. The layout of
 * typescript-eslint's and eslint-plugin-unicorn's docs.
 */
const DOC_SECTIONS = [
  'Examples',
  'Options',
  'When Not To Use It',
  'Related Rules',
  'Version',
  'Resources',
];
const INCORRECT = '❌ Incorrect';
const CORRECT = '✅ Correct';
const OPTIONS_LIST_BEGIN = '<!-- begin auto-generated rule options list -->';
const OPTIONS_LIST_END = '<!-- end auto-generated rule options list -->';
/** Versions the changelog has a section for (`## [0.1.0]`). */
const changelogVersions = [...read('CHANGELOG.md').matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map(
  (m) => m[1],
);

/** `## Title` sections of a markdown document, in order, with their text (code fences kept). */
function sections(markdown: string): { title: string; body: string }[] {
  const out: { title: string; body: string }[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^## (.+?)\s*$/.exec(line);
    if (heading) out.push({ title: heading[1], body: '' });
    else if (out.length > 0) out[out.length - 1].body += `${line}\n`;
  }
  return out;
}

/** Names of the option properties a schema declares, including those of nested objects. */
function schemaProperties(schema: unknown): string[] {
  const out: string[] = [];
  const visit = (node: JsonSchema | undefined): void => {
    if (node === undefined || typeof node !== 'object') return;
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      out.push(name);
      visit(child);
    }
  };
  for (const item of Array.isArray(schema) ? (schema as JsonSchema[]) : [schema as JsonSchema]) {
    visit(item);
  }
  return out;
}

interface Example {
  lang: string;
  code: string;
}

/** The `### Title` subsections of a `##` section's text, in order (code fences kept). */
function subsections(section: string): { title: string; body: string }[] {
  const out: { title: string; body: string }[] = [];
  let inFence = false;
  for (const line of section.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^### (.+?)\s*$/.exec(line);
    if (heading) out.push({ title: heading[1], body: '' });
    else if (out.length > 0) out[out.length - 1].body += `${line}\n`;
  }
  return out;
}

/** The fenced code blocks of a markdown text. */
function codeBlocks(markdown: string): Example[] {
  return [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```/gm)].map((m) => ({
    lang: m[1],
    code: m[2],
  }));
}

/** The fenced code blocks under `### <title>` of `## Examples` in a rule's doc. */
function examplesUnder(markdown: string, title: string): Example[] {
  const examples = sections(markdown).find((part) => part.title === 'Examples')?.body ?? '';
  const sub = subsections(examples).find((part) => part.title === title);
  return codeBlocks(sub?.body ?? '');
}

/** `1.2.3` → a number that orders versions (each part below 1000). */
const versionOrder = (version: string): number =>
  version.split('.').reduce((total, part) => total * 1000 + Number(part), 0);

/** Lints `example` with one rule, without type information: no program, espree for JS. */
function lintUntyped(name: string, example: Example): Linter.LintMessage[] {
  const js = example.lang === 'js' || example.lang === 'javascript';
  return new Linter({ configType: 'flat' }).verify(
    example.code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        ...(js ? {} : { languageOptions: { parser: tsParser } }),
        plugins: { leakproof: plugin },
        rules: { [`leakproof/${name}`]: 'error' },
      },
    ],
    js ? 'example.js' : 'example.ts',
  );
}

describe('rule registry', () => {
  it('registers every rule file, and nothing else', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
  });

  it('lists the rules in alphabetical order', () => {
    const names = Object.keys(rules);
    expect(names).toEqual([...names].sort());
  });

  it('imports each entry from the file of the same name', () => {
    const index = read('src/rules/index.ts');
    const imports = new Map(
      [...index.matchAll(/^import (\w+) from '\.\/([\w-]+)\.js';$/gm)].map((m) => [m[1], m[2]]),
    );
    const entries = [...index.matchAll(/^\s+'([\w-]+)': (\w+),$/gm)].map((m) => [m[1], m[2]]);
    expect(entries.map(([name]) => name)).toEqual(Object.keys(rules));
    for (const [name, identifier] of entries) expect(imports.get(identifier), name).toBe(name);
  });
});

describe.each(ruleEntries)('rule %s', (name, rule) => {
  const docs = rule.meta.docs!;

  it('has the same name in createRule, its doc file and its test file', () => {
    expect(rule.name).toBe(name);
    expect(exists(`docs/rules/${name}.md`), `docs/rules/${name}.md`).toBe(true);
    expect(exists(`tests/rules/${name}.test.ts`), `tests/rules/${name}.test.ts`).toBe(true);
  });

  it('has a description that starts with Disallow/Require/Enforce and no trailing period', () => {
    expect(docs.description).toMatch(/^(Disallow|Require|Enforce) /);
    expect(docs.description).not.toMatch(/\.\s*$/);
  });

  it('points its docs url at docs/rules/<name>.md', () => {
    expect(rule.meta.docs?.url).toBe(docsUrl(name));
    expect(docsUrl(name)).toBe(
      `https://github.com/leakproof/eslint-plugin-leakproof/blob/v${pkg.version}/docs/rules/${name}.md`,
    );
  });

  it('uses camelCase message ids', () => {
    for (const id of Object.keys(rule.meta.messages)) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('says what leaks and the fix in a first sentence of at most 100 characters', () => {
    // The detail (where it was acquired, the leaking path) belongs in the later sentences.
    for (const [id, message] of Object.entries(rule.meta.messages)) {
      const first = message.split(/(?<=[.:])\s/)[0];
      expect(first.length, `${id}: ${first}`).toBeLessThanOrEqual(100);
    }
  });

  it('does without type information what its metadata declares', () => {
    // A rule that requires type checking must say how to enable it; any other rule must find
    // the leaks its doc shows as incorrect by syntax alone (types may only add precision).
    const examples = examplesUnder(
      exists(`docs/rules/${name}.md`) ? read(`docs/rules/${name}.md`) : '',
      INCORRECT,
    );
    expect(examples.length, `code blocks under ### ${INCORRECT}`).toBeGreaterThan(0);
    for (const example of examples) {
      if (docs.requiresTypeChecking === true) {
        expect(() => lintUntyped(name, example)).toThrow(
          /type information|parserOptions|projectService/,
        );
        continue;
      }
      const messages = lintUntyped(name, example);
      expect(messages.filter((message) => message.fatal === true)).toEqual([]);
      const reports = messages.filter((message) => message.ruleId === `leakproof/${name}`);
      expect(reports.length, example.code).toBeGreaterThan(0);
    }
  });

  it('describes every option and closes its option objects', () => {
    const visit = (schema: JsonSchema & { additionalProperties?: unknown }): void => {
      if (schema.properties === undefined) return;
      expect(schema.additionalProperties, 'additionalProperties').toBe(false);
      for (const [property, child] of Object.entries(schema.properties)) {
        expect(child.description, `${property}.description`).toBeTruthy();
        visit(child);
      }
    };
    const schema = rule.meta.schema;
    for (const item of Array.isArray(schema) ? (schema as JsonSchema[]) : [schema as JsonSchema]) {
      visit(item);
    }
  });

  it('sets strict options that its schema accepts', () => {
    const known = new Set(schemaProperties(rule.meta.schema));
    for (const key of Object.keys(docs.strictOptions ?? {})) expect(known).toContain(key);
  });

  describe('doc', () => {
    const relative = `docs/rules/${name}.md`;
    const markdown = exists(relative) ? read(relative) : '';
    const parts = sections(markdown);
    const titles = parts.map((part) => part.title);
    const body = (title: string): string => parts.find((part) => part.title === title)?.body ?? '';

    it('starts with the generated header and explains why before the first section', () => {
      expect(markdown).toMatch(new RegExp(`^# ${NAMESPACE}/${name}\\n`));
      const [, afterHeader = ''] = markdown.split('<!-- end auto-generated rule header -->');
      const why = afterHeader.split(/^## /m)[0];
      expect(
        why.trim().split(/\n\s*\n/).length,
        'paragraphs before ## Examples',
      ).toBeGreaterThanOrEqual(2);
    });

    it(`has exactly the sections ${DOC_SECTIONS.join(', ')}, in that order`, () => {
      expect(titles).toEqual(DOC_SECTIONS);
    });

    it(`opens ## Examples with ### ${INCORRECT} then ### ${CORRECT}, each with code`, () => {
      const subs = subsections(body('Examples')).map((part) => part.title);
      expect(subs.slice(0, 2), `### subsections: ${subs.join(', ')}`).toEqual([INCORRECT, CORRECT]);
      expect(examplesUnder(markdown, INCORRECT).length).toBeGreaterThan(0);
      expect(examplesUnder(markdown, CORRECT).length).toBeGreaterThan(0);
    });

    it(`reports nothing in the code under ### ${CORRECT} (without type information)`, () => {
      if (docs.requiresTypeChecking === true) return;
      for (const example of examplesUnder(markdown, CORRECT)) {
        const messages = lintUntyped(name, example);
        expect(messages.filter((message) => message.fatal === true)).toEqual([]);
        const reports = messages.filter((message) => message.ruleId === `leakproof/${name}`);
        expect(reports, example.code).toEqual([]);
      }
    });

    it('lists the options from the schema between the generator markers, or says there are none', () => {
      const options = body('Options');
      const hasOptions = schemaProperties(rule.meta.schema).length > 0;
      if (!hasOptions) {
        expect(options).toContain('This rule has no options.');
        expect(markdown).not.toContain(OPTIONS_LIST_BEGIN);
        return;
      }
      const [, afterBegin = ''] = options.split(OPTIONS_LIST_BEGIN);
      const [table = ''] = afterBegin.split(OPTIONS_LIST_END);
      expect(afterBegin, 'end marker').toContain(OPTIONS_LIST_END);
      expect(table, 'generated table (npm run docs)').toMatch(/^\| Name +\| Description/m);
      expect(markdown.split(OPTIONS_LIST_BEGIN).length, 'one options list').toBe(2);
    });

    it('states the allowed values of each choice in the description the options table shows', () => {
      // Choices are patterns (`^(a|b)$`, see src/utils/schema.ts), which the generator does not
      // list as an enum, so the description of the property (not of its items) must.
      const visit = (node: JsonSchema): void => {
        for (const [property, child] of Object.entries(node.properties ?? {})) {
          const item = Array.isArray(child.items) ? undefined : child.items;
          const pattern = /^\^\(([\w|-]+)\)\$$/.exec(child.pattern ?? item?.pattern ?? '');
          for (const value of pattern?.[1].split('|') ?? [])
            expect(child.description, `${property} lists \`${value}\``).toContain(`\`${value}\``);
          visit(child);
          if (item !== undefined) visit(item);
        }
      };
      const schema = rule.meta.schema;
      for (const item of Array.isArray(schema) ? (schema as JsonSchema[]) : [schema as JsonSchema])
        visit(item);
    });

    it('relates itself to neighbouring rules, each link with a line on how they differ', () => {
      const items = body('Related Rules')
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const match = /^- \[`([^`]+)`\]\(([^)]+)\): \S.*$/.exec(item);
        expect(match, `"- [\`rule\`](link): how it differs", got: ${item}`).not.toBeNull();
        const [, label, link] = match!;
        if (/^https:\/\//.test(link)) continue;
        const related = /^([\w-]+)\.md$/.exec(link)?.[1];
        expect(related, `link to a leakproof rule doc: ${link}`).toBeDefined();
        expect(Object.keys(rules), link).toContain(related);
        expect(related, 'not itself').not.toBe(name);
        expect(label).toBe(related);
      }
    });

    it('names the version that added it: a released one, or the current one', () => {
      const match = /^This rule was added in v(\d+\.\d+\.\d+)\.$/m.exec(body('Version'));
      expect(match, 'This rule was added in vX.Y.Z.').not.toBeNull();
      const version = match![1];
      expect(versionOrder(version)).toBeLessThanOrEqual(versionOrder(pkg.version));
      expect([...changelogVersions, pkg.version]).toContain(version);
    });

    it('links its source and its tests', () => {
      const resources = body('Resources');
      expect(resources).toContain(`- [Rule source](../../src/rules/${name}.ts)`);
      expect(resources).toContain(`- [Test source](../../tests/rules/${name}.test.ts)`);
    });

    it('documents every schema property under ## Options', () => {
      const options = body('Options');
      for (const property of schemaProperties(rule.meta.schema)) {
        expect(options, `option ${property}`).toContain(`\`${property}\``);
      }
    });
  });
});

/** Every `.ts` file under `src/`, relative to the root, with `/` separators. */
function sourceFiles(dir = 'src'): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The files of `src/` that `file` imports (types too), by their relative specifiers. */
function importsOf(file: string): string[] {
  const specifiers = [...read(file).matchAll(/\b(?:from|import) '(\.{1,2}\/[^']+)'/g)].map(
    (m) => m[1],
  );
  return specifiers.map((specifier) =>
    path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, '.ts'),
  );
}

/** `file` and everything it imports, transitively. */
function reachableFrom(file: string): Set<string> {
  const seen = new Set<string>();
  const pending = [file];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next) || !exists(next)) continue;
    seen.add(next);
    pending.push(...importsOf(next));
  }
  return seen;
}

describe('layout', () => {
  const files = sourceFiles();
  const FINDER = 'src/analysis/engine/finder.ts';

  it('resolves every relative import to a file of src/', () => {
    for (const file of files)
      for (const imported of importsOf(file))
        expect(exists(imported), `${file} → ${imported}`).toBe(true);
  });

  it('keeps a file in src/analysis/ only if two rules use it, or the leak finder does', () => {
    // A file that serves one rule lives in that rule's -utils/ folder; the finder's own files
    // serve every lifecycle rule to come, however many use it today.
    const usedBy = new Map<string, string[]>();
    for (const [name] of ruleEntries)
      for (const file of reachableFrom(`src/rules/${name}.ts`))
        usedBy.set(file, [...(usedBy.get(file) ?? []), name]);
    const finder = reachableFrom(FINDER);
    const lonely = files
      .filter((file) => file.startsWith('src/analysis/') && !finder.has(file))
      .filter((file) => (usedBy.get(file) ?? []).length < 2)
      .map((file) => `${file} (used by ${(usedBy.get(file) ?? []).join(', ') || 'no rule'})`);
    expect(lonely).toEqual([]);
  });

  it('reads parser services in one place (utils/type-information.ts, under analysis/types/type-services.ts)', () => {
    const readers = files.filter((file) => /\bparserServices\b/.test(read(file)));
    expect(readers).toEqual(['src/utils/type-information.ts']);
  });

  it('has every invalid case in tests/rules state its output (null when nothing is autofixed)', () => {
    const missing: string[] = [];
    const testFiles = fs
      .readdirSync(path.join(root, 'tests/rules'))
      .filter((file) => file.endsWith('.test.ts'));
    for (const file of testFiles) {
      const text = read(`tests/rules/${file}`);
      const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (
          ts.isPropertyAssignment(node) &&
          node.name.getText(sourceFile) === 'invalid' &&
          ts.isArrayLiteralExpression(node.initializer)
        ) {
          for (const element of node.initializer.elements) {
            if (!ts.isObjectLiteralExpression(element)) continue;
            const named = element.properties.some(
              (property) => property.name?.getText(sourceFile) === 'output',
            );
            const { line } = sourceFile.getLineAndCharacterOfPosition(element.getStart());
            if (!named) missing.push(`${file}:${line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    expect(missing).toEqual([]);
  });

  it('keeps src/utils/ and src/catalog/ free of imports from analysis and rules', () => {
    for (const file of files.filter((f) => /^src\/(utils|catalog)\//.test(f)))
      for (const imported of importsOf(file))
        expect(imported, file).not.toMatch(/^src\/(analysis|rules)\//);
  });
});

describe('configs', () => {
  const all = ruleEntries.map(([name]) => `${NAMESPACE}/${name}`);
  const docsOf = (id: string): LeakproofDocs =>
    (rules as Record<string, Rule>)[id.slice(NAMESPACE.length + 1)].meta.docs!;
  const errors = (keep: (docs: LeakproofDocs) => boolean): Record<string, unknown> =>
    Object.fromEntries(all.filter((id) => keep(docsOf(id))).map((id) => [id, 'error']));
  const configs = plugin.configs as Record<string, TSESLint.FlatConfig.Config>;

  it('has exactly the documented configs', () => {
    const known = [
      'recommended',
      'recommended-type-checked',
      'strict',
      'all',
      'disable-type-checked',
    ];
    for (const name of Object.keys(configs)) expect(known).toContain(name);
    for (const name of known.slice(0, 4)) expect(configs).toHaveProperty([name]);
  });

  it('recommended = recommended rules that need no type information', () => {
    expect(configs.recommended.rules).toEqual(
      errors((d) => d.recommended === true && d.requiresTypeChecking !== true),
    );
  });

  it('recommended-type-checked = every recommended rule', () => {
    expect(configs['recommended-type-checked'].rules).toEqual(
      errors((d) => d.recommended === true),
    );
  });

  it('all = every rule with its defaults', () => {
    expect(configs.all.rules).toEqual(errors(() => true));
  });

  it('strict = every rule, with its strictOptions', () => {
    const expected = Object.fromEntries(
      all.map((id) => {
        const strict = docsOf(id).strictOptions;
        return [id, strict === undefined ? 'error' : ['error', strict]];
      }),
    );
    expect(configs.strict.rules).toEqual(expected);
  });

  it('disable-type-checked (when present) turns off exactly the typed rules', () => {
    const config = configs['disable-type-checked'];
    if (config === undefined) return;
    const typed = all.filter((id) => docsOf(id).requiresTypeChecking === true);
    expect(config.rules).toEqual(Object.fromEntries(typed.map((id) => [id, 'off'])));
  });

  it.each(Object.keys(configs))('%s has a name, the plugin, and no language setup', (name) => {
    const config = configs[name];
    expect(config.name).toBe(`${NAMESPACE}/${name}`);
    expect(config.plugins).toEqual({ [NAMESPACE]: plugin });
    // The typed configs also say whether their files must have type information.
    const typeInformation = {
      'recommended-type-checked': 'required',
      'disable-type-checked': 'optional',
    }[name];
    expect(Object.keys(config).sort()).toEqual(
      typeInformation ? ['name', 'plugins', 'rules', 'settings'] : ['name', 'plugins', 'rules'],
    );
    if (typeInformation) expect(config.settings).toEqual({ [NAMESPACE]: { typeInformation } });
    expect(config).not.toHaveProperty('languageOptions');
    expect(config).not.toHaveProperty('parser');
  });
});

describe('plugin meta', () => {
  it('matches package.json and uses the leakproof namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: NAMESPACE });
  });

  it('exposes the same rule objects as the registry', () => {
    expect(plugin.rules).toBe(rules);
  });
});
