#!/usr/bin/env node
/*
 * Makes the `@app/*` path aliases resolvable by plain `node` in the compiled output.
 *
 * tsc keeps `require('@app/domain')` as written. Instead of a runtime hook (tsconfig-paths is a dev dependency)
 * or a bundler, each alias becomes a symlink `node_modules/@app/<name>` -> `<dist>/<target>`, so Node's own
 * resolution finds it: no extra dependency, nothing to load at start-up, and the CLI and `node -e` work too.
 * The aliases are read from tsconfig.json, so a new library is linked without editing this file.
 *
 * Usage: node docker/link-path-aliases.mjs <tsconfig.json> <dist dir> <node_modules dir>
 */
/* global process, console -- a Node script; the lint setup defines no Node globals for plain JS */
import fs from 'node:fs';
import path from 'node:path';

const [tsconfigPath, distDir, nodeModulesDir] = process.argv.slice(2);
if (!tsconfigPath || !distDir || !nodeModulesDir) {
  console.error('usage: link-path-aliases.mjs <tsconfig.json> <dist dir> <node_modules dir>');
  process.exit(2);
}

const { compilerOptions } = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8'));
const paths = compilerOptions.paths ?? {};
const fail = (message) => {
  console.error(`link-path-aliases: ${message}`);
  process.exit(1);
};

for (const [alias, targets] of Object.entries(paths)) {
  if (alias.endsWith('/*')) {
    // A directory symlink serves `<alias>/<sub path>` only if the wildcard maps into the bare alias's target.
    const bare = paths[alias.slice(0, -2)];
    if (!bare || targets.length !== 1 || targets[0] !== `${bare[0]}/*`)
      fail(`${alias} must map to "<target of ${alias.slice(0, -2)}>/*"`);
    continue;
  }
  if (alias.includes('*') || targets.length !== 1) fail(`${alias}: only one-target aliases are supported`);
  const target = path.resolve(distDir, targets[0]);
  if (!fs.existsSync(target)) {
    // Test-only libraries (e.g. libs/testing) are excluded from the build; production code never imports them.
    console.log(`link-path-aliases: ${alias} skipped (${targets[0]} is not in ${distDir})`);
    continue;
  }
  const link = path.join(nodeModulesDir, alias);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true, recursive: true });
  // Relative, so the tree can be copied to another stage or directory as it is.
  fs.symlinkSync(path.relative(path.dirname(link), target), link, 'dir');
  console.log(`link-path-aliases: ${alias} -> ${path.relative(path.dirname(link), target)}`);
}
