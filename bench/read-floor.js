// The scan benchmark's Node floor: walks the corpus and reads every file into one reused buffer, one
// thread, synchronous calls — what any scanner written for Node pays before it looks at a byte.
// Prints the file count and bytes read (the benchmark checks them against the corpus).
const fs = require('node:fs');
const path = require('node:path');

let buffer = Buffer.allocUnsafe(1 << 20);
let files = 0;
let bytes = 0;

function readWhole(file) {
  const fd = fs.openSync(file, 'r');
  try {
    let length = 0;
    for (let n; (n = fs.readSync(fd, buffer, length, buffer.length - length)) > 0;) {
      length += n;
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger);
        buffer = bigger;
      }
    }
    return length;
  } finally {
    fs.closeSync(fd);
  }
}

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) {
      files++;
      bytes += readWhole(full);
    }
  }
}

walk(process.argv[2] ?? '.');
process.stdout.write(JSON.stringify({ files, bytes }));
