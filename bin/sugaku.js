#!/usr/bin/env node
import { runAsProcess } from '../lib/cli/index.js';

await runAsProcess(process.argv.slice(2));
