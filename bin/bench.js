#!/usr/bin/env node
'use strict';
// Runs the TypeScript benchmarks straight from bench/ through tsx, like bin/lastmile.js does the CLI.
const { register } = require('tsx/cjs/api');

register();
const { main } = require('../bench/run.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 70;
  },
);
