/**
 * The layering of src/, read from the sources themselves (imports and identifiers, through the TypeScript parser),
 * so it cannot quietly regress:
 * - Apps Script services are reached only from src/gas/ (the adapters), and no module uses Node's globals;
 * - adapters depend on the shared table shapes and the message catalog, never on the domain: src/gas/ imports only
 *   gas/, table/ and messages/ (a refusal it raises carries its code, params and English);
 * - no folder imports a folder of a higher layer (main → ui → api → schedule → refresh and dashboard → wechat and
 *   datasets → reports, sheets, dates, gas → table); folders of one layer may use each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SRC = resolve(__dirname, '../../src');

const APPS_SCRIPT_SERVICES = new Set([
  'ScriptApp',
  'SpreadsheetApp',
  'PropertiesService',
  'LockService',
  'UrlFetchApp',
  'MailApp',
  'Session',
  'CacheService',
  'HtmlService',
  'Utilities',
  'Logger',
  'DriveApp',
]);
const NODE_GLOBALS = new Set(['process', 'require', 'Buffer', '__dirname', '__filename', 'module']);

/**
 * Layer of each folder of src/ (main.ts is the top); a folder imports only its own layer and lower ones.
 * wechat and datasets share a layer: WeChat's calls read the account model, and validating an account checks its
 * relay URL against the deployment's allowlist.
 */
const LAYERS: Readonly<Record<string, number>> = {
  messages: 0,
  table: 0,
  gas: 1,
  dates: 1,
  sheets: 1,
  reports: 1,
  datasets: 2,
  wechat: 2,
  refresh: 3,
  dashboard: 3,
  schedule: 4,
  api: 5,
  ui: 6,
  'main.ts': 7,
};
/** Explicit rules on top of the layers (they name what may be imported at all). */
const ONLY_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  messages: ['messages'],
  table: ['table'],
  gas: ['gas', 'table', 'messages'],
  sheets: ['sheets', 'table', 'messages'],
};

interface SourceFacts {
  file: string;
  /** Top folder of src/ ("gas", "refresh"…) or "main.ts". */
  area: string;
  imports: Array<{ area: string; path: string }>;
  /** Identifiers used as values or namespaces (not property names). */
  identifiers: Set<string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function areaOf(path: string): string {
  return relative(SRC, path).split(sep)[0]!;
}

function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if (ts.isQualifiedName(parent) && parent.right === node) return true;
  return (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isEnumMember(parent)) &&
    parent.name === node
  );
}

function factsOf(path: string): SourceFacts {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const facts: SourceFacts = { file: relative(SRC, path), area: areaOf(path), imports: [], identifiers: new Set() };
  const addImport = (specifier: ts.Expression | undefined) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const target = resolve(path, '..', specifier.text);
    const targetPath = relative(SRC, target);
    const first = targetPath.split(sep)[0]!;
    const area = targetPath.startsWith('..') ? specifier.text : first === 'main' ? 'main.ts' : first;
    facts.imports.push({ area, path: targetPath });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) addImport(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      addImport(node.arguments[0]);
    else if (ts.isIdentifier(node) && !isPropertyName(node)) facts.identifiers.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

const FACTS = sourceFiles(SRC).map(factsOf);

describe('the layering of src/', () => {
  it('reads every source file', () => {
    expect(FACTS.length).toBeGreaterThan(50);
    expect(FACTS.find((facts) => facts.file === join('gas', 'store.ts'))?.identifiers.has('PropertiesService')).toBe(
      true,
    );
  });

  it('reaches Apps Script services only through src/gas/', () => {
    const outside = FACTS.filter((facts) => facts.area !== 'gas').flatMap((facts) =>
      [...facts.identifiers].filter((name) => APPS_SCRIPT_SERVICES.has(name)).map((name) => `${facts.file}: ${name}`),
    );
    expect(outside).toEqual([]);
  });

  it("uses none of Node's globals (the bundle runs in Apps Script)", () => {
    const used = FACTS.flatMap((facts) =>
      [...facts.identifiers].filter((name) => NODE_GLOBALS.has(name)).map((name) => `${facts.file}: ${name}`),
    );
    expect(used).toEqual([]);
  });

  it('imports nothing from outside src/', () => {
    const outside = FACTS.flatMap((facts) =>
      facts.imports.filter((target) => target.path.startsWith('..')).map((target) => `${facts.file} → ${target.area}`),
    );
    expect(outside).toEqual([]);
  });

  it('keeps the adapters, the table shapes and the merge planner free of the domain', () => {
    const wrong = FACTS.flatMap((facts) => {
      const allowed = ONLY_IMPORTS[facts.area];
      if (!allowed) return [];
      return facts.imports
        .filter((target) => !allowed.includes(target.area))
        .map((target) => `${facts.file} → ${target.path}`);
    });
    expect(wrong).toEqual([]);
  });

  it('places every folder of src/ in a layer', () => {
    const unplaced = [...new Set(FACTS.map((facts) => facts.area))].filter((area) => LAYERS[area] === undefined);
    // A new folder: add it to LAYERS above, below everything that uses it.
    expect(unplaced).toEqual([]);
  });

  it('imports nothing from a higher layer', () => {
    const upward = FACTS.flatMap((facts) =>
      facts.imports
        .filter((target) => (LAYERS[target.area] ?? -1) > (LAYERS[facts.area] ?? 0))
        .map((target) => `${facts.file} → ${target.path}`),
    );
    expect(upward).toEqual([]);
  });
});
