// Uploads one file with the real @actions/artifact client, the way actions/upload-artifact does.
// Usage: node upload.mjs <artifact name> <file> [retention days]
// Environment: ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_SERVER_URL (as on a runner).
// Prints one line `RESULT {"id":…,"size":…,"digest":"…"}` on success, `FAILED <message>` and exit 1
// otherwise (the client's own workflow-command output goes to stdout too).
import path from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';

const [name, file, retention] = process.argv.slice(2);
if (!name || !file) {
  console.error('usage: node upload.mjs <artifact name> <file> [retention days]');
  process.exit(2);
}

try {
  const client = new DefaultArtifactClient();
  const options = retention ? { retentionDays: Number(retention) } : {};
  const result = await client.uploadArtifact(name, [file], path.dirname(file), options);
  console.log(`RESULT ${JSON.stringify({ id: result.id, size: result.size, digest: result.digest })}`);
} catch (error) {
  console.log(`FAILED ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
