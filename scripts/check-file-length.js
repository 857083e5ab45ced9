#!/usr/bin/env node
// Part of `npm run lint`: a source file over 400 lines must say why on its first line
// ("// Longer than 400 lines: <reason>"), so a file that grew by accident is split instead.
const fs = require('fs');
const path = require('path');

const LIMIT = 400;
const REASON = /^\/\/ Longer than 400 lines: \S/;
const root = path.resolve(__dirname, '..', 'src');
const long = [];

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (/\.ts$/.test(entry.name)) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      if (lines.length > LIMIT && !REASON.test(lines[0])) long.push(`${path.relative(process.cwd(), file)}: ${lines.length} lines`);
    }
  }
}

walk(root);
if (long.length) {
  console.error(
    `These files are over ${LIMIT} lines without a reason on their first line ("// Longer than ${LIMIT} lines: …"); split them or say why:\n  ${long.join('\n  ')}`,
  );
  process.exit(1);
}
