import { UsageError } from '../../src/model/errors.js';
import { defineGenerator } from '../../src/model/plugin.js';

// Placeholder until the d2 generator lands.
export default defineGenerator<Record<string, unknown>>({
  id: 'd2',
  description: 'd2 generator (not built yet)',
  async generate() {
    throw new UsageError('the d2 generator is not built yet');
  },
});
