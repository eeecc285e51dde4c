import { UsageError } from '../../src/model/errors.js';
import { defineGenerator } from '../../src/model/plugin.js';

// Placeholder until the terraform generator lands.
export default defineGenerator<Record<string, unknown>>({
  id: 'terraform',
  description: 'terraform generator (not built yet)',
  async generate() {
    throw new UsageError('the terraform generator is not built yet');
  },
});
