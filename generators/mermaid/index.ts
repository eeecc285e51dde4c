import { UsageError } from '../../src/model/errors.js';
import { defineGenerator } from '../../src/model/plugin.js';

// Placeholder until the mermaid generator lands.
export default defineGenerator<Record<string, unknown>>({
  id: 'mermaid',
  description: 'mermaid generator (not built yet)',
  async generate() {
    throw new UsageError('the mermaid generator is not built yet');
  },
});
