/** Progress lines while the benchmark runs: elapsed time, scenario, what it is doing. */
const started = Date.now();

function stamp(): string {
  return `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`;
}

export function say(line: string): void {
  console.log(`${stamp()} ${line}`);
}

/** A counter for one loop: prints at most every 10 % (and at the end). */
export function counter(label: string, total: number) {
  let lastShown = -1;
  return (done: number, extra = '') => {
    const decile = Math.floor((done / total) * 10);
    if (decile === lastShown && done !== total) return;
    lastShown = decile;
    say(`  ${label}: ${done}/${total}${extra ? ` ${extra}` : ''}`);
  };
}
