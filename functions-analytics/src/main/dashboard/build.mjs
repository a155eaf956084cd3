// Bundles the page into one script, one stylesheet and index.html, into the directory given as the first argument
// (Maven passes target/classes/dashboard, so the shaded jar carries it and DashboardHandler serves it from the classpath).
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));
await mkdir(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'src', 'app.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  legalComments: 'linked', // Chart.js's MIT notice ships beside the bundle, as app.js.LEGAL.txt
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: [join(here, 'src', 'styles.css')],
  bundle: true,
  minify: true,
  outfile: join(out, 'styles.css'),
  logLevel: 'warning',
});
await copyFile(join(here, 'src', 'index.html'), join(out, 'index.html'));
console.log(`dashboard built into ${out}`);
