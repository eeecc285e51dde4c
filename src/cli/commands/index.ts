// Every CLI command, one file each. Add a command by adding a file and a line here.
import type { Command } from 'commander';
import { register as ask } from './ask.js';
import { register as aws } from './aws.js';
import { register as cost } from './cost.js';
import { register as demo } from './demo.js';
import { register as diagram } from './diagram.js';
import { register as diff } from './diff.js';
import { register as doc } from './doc.js';
import { register as drift } from './drift.js';
import { register as impact } from './impact.js';
import { register as mcp } from './mcp.js';
import { register as merge } from './merge.js';
import { register as pr } from './pr.js';
import { register as pricing } from './pricing.js';
import { register as propose } from './propose.js';
import { register as refine } from './refine.js';
import { register as review } from './review.js';
import { register as scaffold } from './scaffold.js';
import { register as scan } from './scan.js';
import { register as schema } from './schema.js';
import { register as serve } from './serve.js';
import { register as sketch } from './sketch.js';

export const commands: Array<(program: Command) => void> = [
  scan,
  aws,
  diagram,
  drift,
  merge,
  demo,
  schema,
  review,
  propose,
  cost,
  pricing,
  pr,
  impact,
  diff,
  scaffold,
  doc,
  ask,
  refine,
  sketch,
  serve,
  mcp,
];
