// The add-on's entry points: the `global.<name> = …` assignments of src/main.ts, read the way gas-webpack-plugin
// reads them (after esbuild's TypeScript transform), so that a comment esbuild would drop is caught here.
import { readFileSync } from 'node:fs';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';

const HOW = 'write `global.<name> = <name>;` under a JSDoc that contains @preserve (see the top of src/main.ts)';

/** @returns {string[]} the entry point names, in the order src/main.ts assigns them */
export function entryPointNames(mainFile) {
  const { code } = esbuild.transformSync(readFileSync(mainFile, 'utf8'), {
    loader: 'ts',
    legalComments: 'inline',
    sourcefile: mainFile,
  });
  const comments = [];
  const program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', onComment: comments });
  const problems = [];
  const names = [];
  let previousEnd = 0;
  for (const statement of program.body) {
    const between = comments.filter((c) => c.start >= previousEnd && c.end <= statement.start);
    previousEnd = statement.end;
    if (statement.type.startsWith('Export')) {
      problems.push(`an \`export\` does not make an entry point: ${HOW}`);
      continue;
    }
    const assigned = globalAssignment(statement);
    if (!assigned) continue;
    const doc = between.at(-1);
    if (doc?.type !== 'Block' || !doc.value.startsWith('*') || !doc.value.includes('@preserve')) {
      problems.push(`global.${assigned} has no JSDoc with @preserve above it: ${HOW}`);
    }
    if (names.includes(assigned)) problems.push(`global.${assigned} is assigned twice`);
    names.push(assigned);
  }
  if (names.length === 0) problems.push(`no entry point found: ${HOW}`);
  if (problems.length > 0) throw new Error(`${mainFile}:\n  ${problems.join('\n  ')}`);
  return names;
}

function globalAssignment(statement) {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const { expression } = statement;
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return undefined;
  const { left } = expression;
  if (left.type !== 'MemberExpression' || left.computed || left.object.type !== 'Identifier') return undefined;
  return left.object.name === 'global' ? left.property.name : undefined;
}
