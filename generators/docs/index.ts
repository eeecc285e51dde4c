import { UsageError } from '../../src/model/errors.js';
import { defineGenerator } from '../../src/model/plugin.js';

// Placeholder until the docs generator lands.
export default defineGenerator<Record<string, unknown>>({
  id: 'docs',
  description: 'docs generator (not built yet)',
  async generate() {
    throw new UsageError('the docs generator is not built yet');
  },
});
