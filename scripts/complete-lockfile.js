// Adds package-lock entries for optional platform packages (other OSes and CPUs) that the npm registry
// reachable here does not serve, so `npm ci` accepts the lock. Run after `npm install` changes dependencies.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies || {})) {
    const base = path ? path + '/node_modules/' + name : 'node_modules/' + name;
    const hoisted = 'node_modules/' + name;
    if (lock.packages[base] || lock.packages[hoisted]) continue;
    lock.packages[hoisted] = { version: version.replace(/^[\^~]/, ''), dev: entry.dev, optional: true };
    added++;
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
process.stdout.write(`package-lock.json: ${added} optional platform entries added\n`);
