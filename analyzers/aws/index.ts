import { UsageError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';

// Placeholder until the aws analyzer lands.
export default defineAnalyzer<Record<string, unknown>>({
  id: 'aws',
  description: 'aws analyzer (not built yet)',
  async analyze() {
    throw new UsageError('the aws analyzer is not built yet');
  },
});
