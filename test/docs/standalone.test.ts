/**
 * The README and docs/ stand alone: every file they link to or name is in the repository (or is one the user
 * writes, which git ignores), and none points at notes a user does not have.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const REPO_FOLDERS = ['src', 'test', 'dev', 'scripts', 'sidebar', 'relay', 'docs', '.ci'];

interface Reference {
  doc: string;
  line: number;
  target: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Markdown links, `*.md` names and backticked repository paths, with the file each one must resolve to. */
function references(doc: string): Array<Reference & { resolved: string[] }> {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const here = dirname(doc);
  const found: Array<Reference & { resolved: string[] }> = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!;
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    const path = target.split('#')[0]!;
    found.push({ doc, line: lineOf(text, match.index), target, resolved: [normalize(join(here, path))] });
  }
  for (const match of text.matchAll(/(?<!\]\()(?<![\w/.-])((?:[\w.-]+\/)*[\w.-]+\.md)\b/g)) {
    const target = match[1]!;
    found.push({
      doc,
      line: lineOf(text, match.index),
      target,
      resolved: [normalize(target), normalize(join(here, target))],
    });
  }
  const folders = REPO_FOLDERS.map((folder) => folder.replace('.', '\\.')).join('|');
  for (const match of text.matchAll(new RegExp(`\`((?:${folders})/[^\`\\s*<>…]*)\``, 'g'))) {
    const target = match[1]!;
    found.push({ doc, line: lineOf(text, match.index), target, resolved: [normalize(target.replace(/\/$/, ''))] });
  }
  return found;
}

/** A file the user creates, such as the relay's config.json: .gitignore keeps it out of the repository. */
function ignoredByGit(path: string): boolean {
  return spawnSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: ROOT }).status === 0;
}

it('links to and names only files that are in the repository, or that the user writes', () => {
  const missing = DOCS.flatMap(references)
    .filter((ref) => !ref.resolved.some((path) => existsSync(join(ROOT, path)) || ignoredByGit(path)))
    .map((ref) => `${ref.doc}:${ref.line} names ${ref.target}, which is not in the repository`);
  expect(missing).toEqual([]);
});

it('points at no notes outside the repository', () => {
  const outside = /\.\.\/shared|\/work\/|DESIGN\.md|apps-script\.md|issue-\d+\.md/g;
  const found = DOCS.flatMap((doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    return [...text.matchAll(outside)].map(
      (match) => `${doc}:${lineOf(text, match.index)} points at ${match[0]}, which a user does not have`,
    );
  });
  expect(found).toEqual([]);
});

it('finds the references it checks (the scan itself works)', () => {
  const targets = references('docs/architecture.md').map((ref) => ref.target);
  expect(targets).toEqual(expect.arrayContaining(['docs/relay.md', 'scripts/build.mjs']));
});
