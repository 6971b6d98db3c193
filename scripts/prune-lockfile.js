#!/usr/bin/env node
/**
 * Run after `npm install` changes package-lock.json (`npm run lock:prune`).
 *
 * Some packages list platform binaries as optional dependencies (msgpackr-extract,
 * via BullMQ: darwin, win32, linux-arm). Where a registry does not serve one of
 * them, npm writes the edge into the lockfile without the package, and `npm ci`
 * then refuses the lockfile as "out of sync". Dropping those dangling optional
 * edges makes the lockfile say what was really installed; the binaries are
 * optional (msgpackr falls back to JavaScript), so nothing is lost.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const path = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const installed = new Set(Object.keys(lock.packages).map((key) => key.replace(/^.*node_modules\//, '')));
const dropped = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!installed.has(name)) {
      delete entry.optionalDependencies[name];
      dropped.push(`${key || '(root)'} → ${name}`);
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(dropped.length ? `dropped dangling optional dependencies:\n  ${dropped.join('\n  ')}` : 'lockfile has no dangling optional dependencies');
