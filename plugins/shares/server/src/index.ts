// The register of share movements, parts sociales (issue 6).
import { pluginServer } from '@notre-asso/plugin-kit';
import path from 'node:path';

// Built to dist/server/index.js: the package root is two levels up.
export default pluginServer(path.resolve(__dirname, '..', '..'));
