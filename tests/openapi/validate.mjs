// Validates every JSON body the fake GitHub server (tests/support/fake_github.cpp) served against
// the response schema of its operation in GitHub's official OpenAPI description
// (@octokit/openapi), so the fake cannot drift from GitHub.
//
//   node tests/openapi/validate.mjs <fixture directory> [--spec api.github.com|ghes-3.19|...]
//                                   [--partial]
// --partial: validate what is there without requiring every operation the GitHub mode calls (for
// suites that exercise only some of them, such as tests/bypass).
//
// The directory holds <operation>/<status>-<hash>.json files written by the fake:
// {"operationId", "method", "path", "status", "body"}.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));

// Operations the GitHub mode calls: each must have been served (and validated) at least once.
const EXPECTED = [
  'checks/list-for-ref',
  'repos/get-combined-status-for-ref',
  'actions/list-jobs-for-workflow-run-attempt',
  'actions/get-reviews-for-run',
  'issues/list-for-repo',
  'repos/get',
  'repos/compare-commits-with-basehead',
  'repos/list-deployments',
  'repos/create-deployment',
  'repos/list-deployment-statuses',
  'repos/create-deployment-status',
  'actions/list-workflow-runs-for-repo',
  'actions/get-workflow-run',
  'checks/list-suites-for-ref',
];

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error('usage: node tests/openapi/validate.mjs <fixture directory> [--spec api.github.com]');
  process.exit(2);
}

const args = process.argv.slice(2);
let specName = 'api.github.com';
let partial = false;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--spec') specName = args[++i];
  else if (args[i] === '--partial') partial = true;
  else positional.push(args[i]);
}
if (positional.length !== 1) usage('expected one fixture directory');
const fixtureDir = positional[0];
if (!fs.existsSync(fixtureDir)) usage(`${fixtureDir}: no such directory (run test_github first)`);

let Ajv;
let addFormats;
let specPath;
try {
  Ajv = require('ajv').default;
  addFormats = require('ajv-formats').default;
  specPath = require.resolve(`@octokit/openapi/generated/${specName}.json`);
} catch (error) {
  console.error(`validate.mjs: ${error.message}`);
  console.error('install the pinned packages first: npm ci --prefix tests/openapi');
  process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));

// OpenAPI 3.0 schema -> JSON Schema: `nullable` becomes a union with null, component $refs point
// into one registered root schema, and annotation-only keywords are dropped.
const DROP = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated']);
function convert(schema) {
  if (Array.isArray(schema)) return schema.map(convert);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref') {
      out.$ref = value.replace('#/components/schemas/', 'github#/definitions/');
      continue;
    }
    // `properties` maps names to schemas: convert the schemas, never treat names as keywords.
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
      continue;
    }
    out[key] = convert(value);
  }
  if (schema.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ $id: 'github', definitions: convert(spec.components.schemas) });

function resolveResponse(response) {
  let current = response;
  while (current && current.$ref) {
    current = current.$ref.slice(2).split('/').reduce((node, key) => node[key], spec);
  }
  return current;
}

const validators = new Map();
function validatorFor(fixture) {
  const key = `${fixture.method} ${fixture.path} ${fixture.status}`;
  if (validators.has(key)) return validators.get(key);
  const operation = spec.paths[fixture.path]?.[fixture.method];
  if (!operation) throw new Error(`${fixture.method.toUpperCase()} ${fixture.path}: not in ${specName}`);
  if (operation.operationId !== fixture.operationId) {
    throw new Error(`${fixture.path}: operationId is ${operation.operationId}, the fake says ${fixture.operationId}`);
  }
  const declared = resolveResponse(operation.responses[String(fixture.status)]);
  let schema = declared?.content?.['application/json']?.schema;
  if (!schema && fixture.status >= 400) schema = spec.components.schemas['basic-error'];
  if (!schema) throw new Error(`${fixture.operationId}: no JSON schema for status ${fixture.status}`);
  const validate = ajv.compile(convert(schema));
  validators.set(key, validate);
  return validate;
}

let passed = 0;
let failed = 0;
const seen = new Set();
for (const folder of fs.readdirSync(fixtureDir).sort()) {
  const folderPath = path.join(fixtureDir, folder);
  if (!fs.statSync(folderPath).isDirectory()) continue;
  for (const file of fs.readdirSync(folderPath).filter((name) => name.endsWith('.json')).sort()) {
    const where = path.join(folder, file);
    try {
      const fixture = JSON.parse(fs.readFileSync(path.join(folderPath, file), 'utf8'));
      const validate = validatorFor(fixture);
      if (validate(fixture.body)) {
        passed++;
        if (fixture.status < 300) seen.add(fixture.operationId);
        continue;
      }
      failed++;
      console.error(`FAIL ${where}:`);
      for (const error of validate.errors.slice(0, 10)) {
        console.error(`  ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
      }
    } catch (error) {
      failed++;
      console.error(`FAIL ${where}: ${error.message}`);
    }
  }
}
for (const operation of partial ? [] : EXPECTED) {
  if (seen.has(operation)) continue;
  failed++;
  console.error(`FAIL ${operation}: the fake never served a successful answer for it`);
}
console.log(`validated the fake GitHub's fixtures against ${specName} (@octokit/openapi)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
