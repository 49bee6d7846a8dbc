// Lets compiled code (dist/) resolve the workspace aliases @civic/<lib> that tsconfig.base.json maps for TypeScript.
const Module = require('module');
const path = require('path');

const dist = path.resolve(__dirname, '..', 'dist');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveCivicAlias(request, ...rest) {
  const m = /^@civic\/([a-z-]+)(\/.*)?$/.exec(request);
  if (m) request = path.join(dist, 'libs', m[1], 'src', m[2] ?? '');
  return original.call(this, request, ...rest);
};
