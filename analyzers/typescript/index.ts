import { UsageError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';

// Placeholder until the typescript analyzer lands.
export default defineAnalyzer<Record<string, unknown>>({
  id: 'typescript',
  description: 'typescript analyzer (not built yet)',
  async analyze() {
    throw new UsageError('the typescript analyzer is not built yet');
  },
});
