/**
 * Whether a file was parsed with type information, and what a rule says when it needs that
 * and the file has none. The analysis reads the services themselves through
 * `analysis/types/type-services.ts`; this is the one check that `createRule` makes for every
 * rule before it runs.
 */
import { ConfigurationError } from './internal-errors.js';

/** ESLint's `SourceCode`, of which only `parserServices` is read. */
type SourceCodeWithServices = object;

/** The parser's TypeScript program and node map, when the file was parsed with a program. */
export interface ParsedProgram<Program, NodeMap> {
  program: Program;
  esTreeNodeToTSNodeMap: NodeMap;
}

/**
 * The one place that reads `parserServices`: the program and node map typescript-eslint's
 * parser leaves there when it parsed the file with a project, else `null` (espree, the
 * TypeScript parser without a project, oxlint).
 */
export function parsedProgram<Program, NodeMap>(
  sourceCode: SourceCodeWithServices,
): ParsedProgram<Program, NodeMap> | null {
  const services = (sourceCode as { parserServices?: unknown }).parserServices as
    Partial<ParsedProgram<Program | null, NodeMap>> | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (program === undefined || program === null || map === undefined) return null;
  return { program, esTreeNodeToTSNodeMap: map };
}

/** The file was parsed with a TypeScript program (typescript-eslint's parser with a project). */
export const hasTypeInformation = (sourceCode: SourceCodeWithServices): boolean =>
  parsedProgram(sourceCode) !== null;

const HOW_TO_ENABLE =
  'Set `parserOptions.projectService: true` (or `parserOptions.project`) for this file, or ' +
  'turn the typed checks off for it with `leakproof.configs["disable-type-checked"]`. See ' +
  'https://typescript-eslint.io/getting-started/typed-linting.';

/** A rule that requires type checking (`requiresTypeChecking: true`) met a file without it. */
export const missingTypes = (): ConfigurationError =>
  new ConfigurationError(
    `This rule requires type information, but the file was parsed without it. ${HOW_TO_ENABLE}`,
  );

/**
 * The `recommended-type-checked` config (through `settings.leakproof.typeInformation`) asked
 * for type information and the file has none: the rules' typed checks would silently not run.
 */
export const typedConfigWithoutTypes = (): ConfigurationError =>
  new ConfigurationError(
    "leakproof's `recommended-type-checked` config is on for this file, but the file was " +
      `parsed without type information, so its typed checks cannot run. ${HOW_TO_ENABLE}`,
  );

/** The setting a config uses to say that its files must have type information. */
export const TYPE_INFORMATION_SETTING = 'typeInformation';

/** Whether the file's settings (from the configs) require type information. */
export function typeInformationRequired(settings: Readonly<Record<string, unknown>>): boolean {
  const ours = settings.leakproof as Record<string, unknown> | undefined;
  return ours?.[TYPE_INFORMATION_SETTING] === 'required';
}
