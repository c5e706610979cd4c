#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI straight from src/ through tsx, so it works right after `npm install`.
const path = require('node:path');
const { register } = require('tsx/cjs/api');

register();
const { main } = require('../src/main/cli/main.ts');

main(process.argv.slice(2), { packageRoot: path.resolve(__dirname, '..') }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 70;
  },
);
