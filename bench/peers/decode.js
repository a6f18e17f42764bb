// Node's JSON.parse (jsforce's decode path) on the query response file bench/decode.cpp wrote.
//   node decode.js FILE      prints the best time and `RESULT node_json_parse_mbps <MB/s>`
'use strict';
const fs = require('fs');

const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const bytes = Buffer.byteLength(text, 'utf8');
const first = JSON.parse(text);
if (first.records.length !== first.totalSize) throw new Error('unexpected response');

// Best of at least 5 runs and 2 seconds, like bench/harness.hpp.
let best = Infinity;
let total = 0;
for (let i = 0; i < 5 || total < 2; ++i) {
  const t0 = process.hrtime.bigint();
  const v = JSON.parse(text);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (v.records.length !== first.totalSize) throw new Error('unexpected response');
  best = Math.min(best, s);
  total += s;
}
const mbps = bytes / best / 1e6;
console.log(`Node ${process.version} JSON.parse: ${(bytes / 1e6).toFixed(1)} MB in ${(best * 1e3).toFixed(1)} ms, ${mbps.toFixed(1)} MB/s`);
console.log(`RESULT node_json_parse_mbps ${mbps.toFixed(2)}`);
