import { UsageError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';

// Placeholder until the terraform analyzer lands.
export default defineAnalyzer<Record<string, unknown>>({
  id: 'terraform',
  description: 'terraform analyzer (not built yet)',
  async analyze() {
    throw new UsageError('the terraform analyzer is not built yet');
  },
});
