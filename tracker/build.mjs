// Builds the served files: tracker.js (minified, self-installing) and the demo shop, into the jar's resources.
// Prints the minified and min+gzip sizes, and fails when the tracker is over its budget.
import { minify } from 'terser';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 3072; // bytes, minified and gzipped
const out = process.argv[2] || 'target/classes/io/liveinsight/tracker';

const source = readFileSync('src/tracker.js', 'utf8').replace(/^export /gm, '');
const wrapped = `(function(){${source}\ninstall(window)})();`;
const { code } = await minify(wrapped, {
  ecma: 2020,
  compress: { passes: 3, unsafe_arrows: true },
  mangle: true,
  format: { comments: false },
});
const gzipped = gzipSync(code, { level: 9 }).length;

mkdirSync(out, { recursive: true });
writeFileSync(`${out}/tracker.js`, code + '\n');
for (const file of ['demo.html', 'demo.js', 'demo.css']) copyFileSync(`demo/${file}`, `${out}/${file}`);

console.log(`tracker.js: ${code.length} bytes minified, ${gzipped} bytes min+gzip (budget ${BUDGET})`);
if (gzipped > BUDGET) {
  console.error(`tracker.js is over its budget of ${BUDGET} bytes min+gzip`);
  process.exit(1);
}
