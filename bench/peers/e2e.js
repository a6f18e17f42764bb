// jsforce 3's side of the end-to-end benchmarks, against the sfcpp-emulator bench/run started.
// bench/e2e.cpp is sfcpp's side; both do the same work against the same kind of server.
//
//   node e2e.js INSTANCE_URL ACCESS_TOKEN ingest ROWS   conn.bulk2.loadAndWaitForResults, 100,000 rows
//                                                       per job, one job after the other
//   node e2e.js INSTANCE_URL ACCESS_TOKEN query ROWS    conn.query(...) with autoFetch and maxFetch
//
// Prints `RESULT <name> <seconds>` for bench/run.
'use strict';
const jsforce = require('jsforce');

const [instanceUrl, accessToken, what, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '60.0' });

// The same rows bench/e2e.cpp builds: the values depend only on the row number.
function generate(prefix, from, n) {
  const out = new Array(n);
  for (let k = 0; k < n; ++k) {
    const i = from + k;
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    out[k] = {
      Name: `Invoice ${i}`,
      External_Id__c: `${prefix}${i}`,
      Amount__c: 100 + (i % 10000) / 4,
      Status__c: i % 3 ? 'Sent' : 'Draft',
      Due_Date__c: `2025-${month}-${day}`,
      Paid__c: i % 2 === 0,
      Sequence__c: i,
    };
  }
  return out;
}

async function ingest() {
  const batch = 100000;
  const t0 = process.hrtime.bigint();
  let ok = 0;
  let jobs = 0;
  for (let from = 0; from < rows; from += batch) {
    const input = generate('J-', from, Math.min(batch, rows - from));
    const res = await conn.bulk2.loadAndWaitForResults({
      object: 'Invoice__c',
      operation: 'insert',
      input,
      pollInterval: 250,
      pollTimeout: 3600 * 1000,
    });
    if (res.failedResults.length || res.unprocessedRecords.length || res.successfulResults.length !== input.length) {
      throw new Error(`ingest: ${res.failedResults.length} failed, ${res.unprocessedRecords.length} unprocessed`);
    }
    ok += res.successfulResults.length;
    jobs += 1;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`jsforce ${jsforce.VERSION} bulk2 insert: ${ok} rows in ${jobs} jobs, ${s.toFixed(2)} s (${(ok / s).toFixed(0)} rows/s)`);
  console.log(`RESULT jsforce_ingest_s ${s.toFixed(3)}`);
}

async function query() {
  const soql = 'SELECT Id, Name, External_Id__c, Amount__c, Status__c, Due_Date__c, Paid__c, Sequence__c ' +
    `FROM Invoice__c LIMIT ${rows}`;
  const t0 = process.hrtime.bigint();
  let fetches = 0;
  const q = conn.query(soql);
  q.on('fetch', () => { fetches += 1; });
  const res = await q.run({ autoFetch: true, maxFetch: rows });
  let amount = 0;
  for (const r of res.records) amount += r.Amount__c;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`jsforce ${jsforce.VERSION} query: ${res.records.length} rows in ${fetches} pages, ${s.toFixed(2)} s (${(res.records.length / s).toFixed(0)} rows/s), amount ${amount.toFixed(2)}`);
  if (res.records.length !== rows) throw new Error(`query returned ${res.records.length} rows`);
  console.log(`RESULT jsforce_query_s ${s.toFixed(3)}`);
}

(what === 'ingest' ? ingest() : query()).catch((e) => {
  console.error(`jsforce ${what} failed: ${e.name}: ${e.message}`);
  if (e.errorCode) console.error(`errorCode ${e.errorCode}`);
  process.exit(1);
});
