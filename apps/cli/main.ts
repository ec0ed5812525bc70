#!/usr/bin/env node
import { runCli } from './src/cli';

void runCli(process.argv);
