import { UsageError } from '../../src/model/errors.js';
import { defineGenerator } from '../../src/model/plugin.js';

// Placeholder until the cdktf generator lands.
export default defineGenerator<Record<string, unknown>>({
  id: 'cdktf',
  description: 'cdktf generator (not built yet)',
  async generate() {
    throw new UsageError('the cdktf generator is not built yet');
  },
});
