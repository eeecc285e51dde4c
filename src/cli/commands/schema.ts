import type { Command } from 'commander';
import { graphJsonSchema } from '../../model/schema.js';
import { printJson } from '../io.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of archmap.json')
    .action(() => printJson(graphJsonSchema()));
}
