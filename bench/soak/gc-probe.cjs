// Loaded with `--require` (NODE_OPTIONS) into every Node process of the soak's
// stack: the API and zero-cache with its workers (bench/soak/memory-after-gc.ts).
// With TANDEM_GC_PROBE_DIR set, it writes <dir>/<pid>.json once at start, and
// on each SIGUSR2 collects all garbage and writes that file again with a
// higher `seq` and the process's memory right after the collection. When
// <dir>/<pid>.snapshot names a file, it also writes a V8 heap snapshot there
// (after the collection) and removes the request.
// Plain CommonJS: it runs before any loader (tsx) is in place.
'use strict';
const dir = process.env.TANDEM_GC_PROBE_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const v8 = require('node:v8');
  const vm = require('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const file = path.join(dir, `${process.pid}.json`);
  let seq = 0;
  const write = memory => {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({pid: process.pid, seq, ...memory}));
    fs.renameSync(`${file}.tmp`, file);
  };
  write({});
  process.on('SIGUSR2', () => {
    gc();
    const request = `${file.slice(0, -'.json'.length)}.snapshot`;
    if (fs.existsSync(request)) {
      const target = fs.readFileSync(request, 'utf8').trim();
      fs.rmSync(request, {force: true});
      if (target) v8.writeHeapSnapshot(target);
    }
    const m = process.memoryUsage();
    seq++;
    write({rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external});
  });
}
