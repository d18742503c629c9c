/**
 * docs/server-api.md documents the whole server surface: every entry point of the build, and every field and every
 * string value of the types they take and return. The types are read with the TypeScript compiler from
 * src/ui/contract.ts (what the sidebar sends and gets back) and src/main.ts (what each entry point really returns),
 * following every type declared under src/.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const DOC = 'docs/server-api.md';
const doc = readFileSync(join(ROOT, DOC), 'utf8');
/** The doc's code: fenced blocks and inline code spans. Names count as documented only there. */
const docCode = [...doc.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map((match) => match[0]).join('\n');

function documented(word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])${escaped}($|[^\\w$])`).test(docCode);
}

interface ContractName {
  kind: 'field' | 'value';
  name: string;
  /** The type it belongs to and where that is declared. */
  owner: string;
  where: string;
}

function contractNames(): ContractName[] {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const mainFile = join(ROOT, 'src', 'main.ts');
  const contractFile = join(ROOT, 'src', 'ui', 'contract.ts');
  const program = ts.createProgram([mainFile, contractFile], config.options);
  const checker = program.getTypeChecker();
  const srcDir = join(ROOT, 'src');
  const isOurs = (declaration: ts.Declaration | undefined): declaration is ts.Declaration =>
    declaration !== undefined && !relative(srcDir, declaration.getSourceFile().fileName).startsWith('..');
  const where = (node: ts.Node): string => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(ROOT, file.fileName)}:${line + 1}`;
  };
  /** The named type a declaration belongs to: its interface or type alias, or the property it types. */
  const ownerOf = (node: ts.Node): string => {
    for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
      if (ts.isInterfaceDeclaration(current) || ts.isTypeAliasDeclaration(current)) return current.name.text;
      if ((ts.isPropertySignature(current) || ts.isMethodSignature(current)) && ts.isIdentifier(current.name)) {
        return `${ownerOf(current)}.${current.name.text}`;
      }
      if (ts.isFunctionDeclaration(current) && current.name) return `${current.name.text}()`;
    }
    return '?';
  };

  const names = new Map<string, ContractName>();
  const seen = new Set<ts.Type>();
  /** `alias`: the named union a string value comes from (`RunStatus`), when there is one. */
  const walk = (type: ts.Type, context: ts.Node, alias?: ts.Symbol): void => {
    if (seen.has(type)) return;
    seen.add(type);
    if (type.isUnion() || type.isIntersection()) {
      for (const part of type.types) walk(part, context, type.aliasSymbol ?? alias);
      return;
    }
    if (type.isStringLiteral()) {
      const declaration = alias?.declarations?.[0] ?? context;
      if (!names.has(`value:${type.value}`)) {
        names.set(`value:${type.value}`, {
          kind: 'value',
          name: type.value,
          owner: alias?.name ?? ownerOf(context),
          where: where(declaration),
        });
      }
      return;
    }
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      for (const element of checker.getTypeArguments(type as ts.TypeReference)) walk(element, context);
      return;
    }
    if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return;
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.declarations?.[0];
      if (!isOurs(declaration)) continue;
      if (!names.has(`field:${property.name}`)) {
        names.set(`field:${property.name}`, {
          kind: 'field',
          name: property.name,
          owner: ownerOf(declaration),
          where: where(declaration),
        });
      }
      walk(checker.getTypeOfSymbolAtLocation(property, declaration), declaration);
    }
  };
  const walkSignatures = (type: ts.Type, context: ts.Node): void => {
    for (const signature of type.getCallSignatures()) {
      for (const parameter of signature.getParameters()) {
        const declaration = parameter.declarations?.[0];
        if (isOurs(declaration)) walk(checker.getTypeOfSymbolAtLocation(parameter, declaration), declaration);
      }
      walk(signature.getReturnType(), signature.getDeclaration() ?? context);
    }
  };

  const contract = program.getSourceFile(contractFile)!;
  const serverFunctions = contract.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'ServerFunctions',
  );
  if (!serverFunctions) throw new Error('src/ui/contract.ts declares no ServerFunctions interface');
  for (const member of serverFunctions.members) walkSignatures(checker.getTypeAtLocation(member), member);

  const main = program.getSourceFile(mainFile)!;
  for (const statement of main.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, right, operatorToken } = statement.expression;
    if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) continue;
    if (!ts.isIdentifier(left.expression) || left.expression.text !== 'global') continue;
    walkSignatures(checker.getTypeAtLocation(right), statement);
  }
  return [...names.values()];
}

describe(DOC, () => {
  it('documents every entry point of dist/Code.js, as `name(…)`', () => {
    const entryPoints: string[] = JSON.parse(readFileSync(join(ROOT, 'dist', 'entrypoints.json'), 'utf8'));
    expect(entryPoints.length).toBeGreaterThan(20);
    const missing = entryPoints
      .filter((name) => !new RegExp(`\`${name}\\(`).test(doc))
      .map(
        (name) =>
          `entry point ${name} (src/main.ts: global.${name}) is missing: add \`${name}(…)\` with its arguments and result to the table of its section in ${DOC}`,
      );
    expect(missing).toEqual([]);
  });

  const names = contractNames();

  it('reads the contract it checks (the scan itself works)', () => {
    const found = names.map((entry) => `${entry.kind}:${entry.name}`);
    expect(found).toEqual(
      expect.arrayContaining(['field:appId', 'field:pendingDates', 'field:windowsDone', 'value:running']),
    );
  });

  it('documents every field of the types the entry points take and return', () => {
    const missing = names
      .filter((entry) => entry.kind === 'field' && !documented(entry.name))
      .map((entry) => `field ${entry.name} of ${entry.owner} (${entry.where}) is missing from ${DOC}`);
    expect(missing).toEqual([]);
  });

  it('documents every string value those types allow', () => {
    const missing = names
      .filter((entry) => entry.kind === 'value' && !documented(entry.name))
      .map((entry) => `value '${entry.name}' of ${entry.owner} (${entry.where}) is missing from ${DOC}`);
    expect(missing).toEqual([]);
  });
});
