// Preloaded into every Node.js process of a benchmark run (NODE_OPTIONS=--require ...): appends
// the process's peak resident set size in KiB to $BENCH_RSS_FILE when it exits.
const fs = require("node:fs");

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) {
    fs.appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
  }
});
